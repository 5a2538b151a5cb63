package io.checkoutrelay.topics;

import io.checkoutrelay.schemas.topic.ProvisioningReport;
import io.checkoutrelay.schemas.topic.TopicProvisioner;
import java.io.PrintStream;
import java.util.Arrays;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar topics.jar create|verify [--spring.kafka.…=…] [--topics.…=…]}: creates the declared
 * topics that are missing and checks the rest ({@code create}), or only checks ({@code verify}).
 * Exit code 0 when every topic exists with its declared partition count (drift in other configs is
 * reported, not fatal), 1 when one is missing or has another partition count, 2 for a command line
 * or a setting that cannot be used.
 */
@SpringBootApplication
@EnableConfigurationProperties(TopicsSettings.class)
public class TopicsCommand {

    static final String USAGE = "usage: java -jar topics.jar create|verify  (settings: spring.kafka.*, topics.*;"
            + " see topics/README.md)";

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String action = Arrays.stream(args).filter(arg -> !arg.startsWith("--")).findFirst().orElse("");
        if (!action.equals("create") && !action.equals("verify")) {
            err.println(action.isEmpty() ? "no action given" : "unknown action '" + action + "'");
            err.println(USAGE);
            return 2;
        }
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplication(TopicsCommand.class).run(args);
        } catch (RuntimeException e) {
            err.println("the settings cannot be used: " + rootMessage(e));
            return 2;
        }
        try (context; Admin admin = Admin.create(context.getBean(KafkaProperties.class).buildAdminProperties())) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, context.getBean(TopicsSettings.class).layout());
            ProvisioningReport report = action.equals("create") ? provisioner.create() : provisioner.verify();
            out.println(report.text());
            return report.failed() ? 1 : 0;
        } catch (RuntimeException e) {
            err.println(action + " failed: " + rootMessage(e));
            return 1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }
}
