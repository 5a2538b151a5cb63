package io.checkoutrelay.intake.web;

import io.checkoutrelay.intake.validation.FieldReader;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP address range such as 10.0.0.0/8 or fd00::/8; a bare address is a range of one. */
record CidrRange(byte[] network, int prefix) {

    static CidrRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("intake.trusted-proxies: '" + text + "' is not an IP address or CIDR range");
        }
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("intake.trusted-proxies: '" + text + "' has an invalid prefix length");
        }
        return new CidrRange(bytes, prefix);
    }

    boolean contains(String address) {
        byte[] candidate = literal(address);
        if (candidate == null || candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String address) {
        if (address == null || !FieldReader.isIpLiteral(address)) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress(); // a literal: never a DNS lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
