package ma.moncompte.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ma.moncompte.accounts.Role;
import ma.moncompte.accounts.StaffAccounts;
import ma.moncompte.directory.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import reactor.core.publisher.Mono;

/**
 * Demo staff of the development stack: one agent per post and one admin, all with the same password.
 * They never exist in production, which has no such configuration.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DemoData {

	public static final String PASSWORD = "Agent-Demo-2026!";

	public static final String ADMIN = "admin@demo.moncompte.test";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	public static String agentOf(String consulateCode) {
		return "agent." + consulateCode.toLowerCase(Locale.ROOT) + "@demo.moncompte.test";
	}

	@Bean
	DemoSeeder demoSeeder(StaffAccounts staff, Directory directory) {
		return new DemoSeeder(staff, directory);
	}

	public static class DemoSeeder {

		private final StaffAccounts staff;

		private final Directory directory;

		private volatile Mono<Void> seeded;

		DemoSeeder(StaffAccounts staff, Directory directory) {
			this.staff = staff;
			this.directory = directory;
		}

		@EventListener(ApplicationReadyEvent.class)
		void seedOnStartup() {
			seeded().subscribe();
		}

		/** Completes when every demo account exists; repeated calls share the one run. */
		public synchronized Mono<Void> seeded() {
			if (this.seeded == null) {
				List<StaffAccounts.NewStaff> staff = new ArrayList<>();
				this.directory.consulates()
					.forEach(consulate -> staff.add(new StaffAccounts.NewStaff(agentOf(consulate.code()), "Agent",
							consulate.city(), Role.AGENT, consulate.code())));
				staff.add(new StaffAccounts.NewStaff(ADMIN, "Admin", "Demo", Role.ADMIN, null));
				this.seeded = this.staff.ensureStaff(staff, PASSWORD)
					.then()
					.doOnSuccess(done -> log.info("Demo staff ready: {} and agent.<code>@demo.moncompte.test for every post, password {}",
							ADMIN, PASSWORD))
					.cache();
			}
			return this.seeded;
		}

	}

}
