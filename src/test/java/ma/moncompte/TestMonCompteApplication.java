package ma.moncompte;

import ma.moncompte.devstack.DemoData;
import ma.moncompte.devstack.DevStackConfiguration;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./mvnw spring-boot:test-run}: the whole service on :8080 with its development stack
 * (PostgreSQL, Kafka, GreenMail on SMTP 3025 / IMAP 3143) and the demo staff.
 */
public class TestMonCompteApplication {

	public static void main(String[] args) {
		SpringApplication.from(MonCompteApplication::main)
			.with(DevStackConfiguration.class, DemoData.class)
			.withAdditionalProfiles("devstack", "dev")
			.run(args);
	}

}
