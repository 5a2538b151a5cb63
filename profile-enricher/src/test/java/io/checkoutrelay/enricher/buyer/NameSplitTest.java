package io.checkoutrelay.enricher.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameSplitTest {

    @Test
    void firstWordIsTheFirstNameAndTheRestTheLastName() {
        assertThat(NameSplit.split("Jane Q Doe")).isEqualTo(new BuyerName("Jane", "Q Doe"));
    }

    @Test
    void oneWordNameIsUsedForBothFirstAndLastName() {
        assertThat(NameSplit.split("Cher")).isEqualTo(new BuyerName("Cher", "Cher"));
    }

    @Test
    void severalSpacesTabsAndOuterSpacesCollapse() {
        assertThat(NameSplit.split("  Mary   Ann  van der Berg ")).isEqualTo(new BuyerName("Mary", "Ann van der Berg"));
        assertThat(NameSplit.split("Mary\t\u00a0Ann\nLee")).isEqualTo(new BuyerName("Mary", "Ann Lee"));
    }

    @Test
    void nonLatinScriptsSplitAtSpacesIncludingTheIdeographicSpace() {
        assertThat(NameSplit.split("山田 太郎")).isEqualTo(new BuyerName("山田", "太郎"));
        assertThat(NameSplit.split("山田\u3000太郎")).isEqualTo(new BuyerName("山田", "太郎"));
        assertThat(NameSplit.split("Иван Петров")).isEqualTo(new BuyerName("Иван", "Петров"));
        assertThat(NameSplit.split("محمد علي")).isEqualTo(new BuyerName("محمد", "علي"));
    }

    @Test
    void nonLatinNameWithoutSpaceIsAOneWordName() {
        assertThat(NameSplit.split("山田太郎")).isEqualTo(new BuyerName("山田太郎", "山田太郎"));
    }

    @Test
    void emptyBlankOrMissingNameBecomesAmazonCustomer() {
        assertThat(NameSplit.split("")).isEqualTo(new BuyerName("Amazon", "Customer"));
        assertThat(NameSplit.split("   \u200b ")).isEqualTo(new BuyerName("Amazon", "Customer"));
        assertThat(NameSplit.split(null)).isEqualTo(new BuyerName("Amazon", "Customer"));
    }

    @Test
    void partsLongerThanTheCrmLimitAreCutTo30CharactersWithoutADanglingSeparator() {
        BuyerName name = NameSplit.split("Bartholomew Maximilian Theodore Fitzgerald-Worthington Smith");
        assertThat(name).isEqualTo(new BuyerName("Bartholomew", "Maximilian Theodore Fitzgerald"));
        assertThat(NameSplit.split("Ann Abcdefghij Abcdefghij Abcdefgh-Xyz").lastName())
                .isEqualTo("Abcdefghij Abcdefghij Abcdefgh");
        String longWord = "Wolfeschlegelsteinhausenbergerdorff";
        assertThat(NameSplit.split(longWord)).isEqualTo(new BuyerName(longWord.substring(0, 30), longWord.substring(0, 30)));
    }

    @Test
    void cutNeverSplitsASurrogatePairOrACombiningMark() {
        String emoji = "A" + "😀".repeat(40);
        String first = NameSplit.split(emoji + " Doe").firstName();
        assertThat(first.codePointCount(0, first.length())).isEqualTo(30);
        assertThat(Character.isHighSurrogate(first.charAt(first.length() - 1))).isFalse();

        String accented = "e\u0301".repeat(20); // 20 letters, 40 code points
        String cut = NameSplit.split(accented).firstName();
        assertThat(cut).isEqualTo("e\u0301".repeat(15));
    }

    @Test
    void everyResultFitsTheCrmAndIsNeverEmpty() {
        for (String raw : new String[] {"", "Cher", "Jane Q Doe", "  a  ", "山田 太郎",
                "Bartholomew Maximilian Theodore Fitzgerald-Worthington Smith", "x".repeat(100) + " " + "y".repeat(100)}) {
            BuyerName name = NameSplit.split(raw);
            assertThat(name.firstName()).isNotBlank();
            assertThat(name.lastName()).isNotBlank();
            assertThat(name.firstName().codePointCount(0, name.firstName().length())).isLessThanOrEqualTo(30);
            assertThat(name.lastName().codePointCount(0, name.lastName().length())).isLessThanOrEqualTo(30);
        }
    }
}
