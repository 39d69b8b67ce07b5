package ma.moncompte.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ma.moncompte.accounts.Role;
import ma.moncompte.accounts.StaffAccounts;
import ma.moncompte.directory.Directory;
import ma.moncompte.dispatch.CourierCredentials;
import ma.moncompte.dispatch.CourierPartners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Demo staff of the development stack: one agent per post and one admin, all with the same password;
 * and two demo courier partners, whose webhook secrets are printed to the log. They never exist in
 * production, which has no such configuration.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DemoData {

	public static final String PASSWORD = "Agent-Demo-2026!";

	public static final String ADMIN = "admin@demo.moncompte.test";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	/** Demo courier partners: code and name. */
	public static final List<List<String>> COURIERS = List.of(List.of("DEMO-EXPRESS", "Demo Express"),
			List.of("DEMO-POSTE", "Demo Poste"));

	public static String agentOf(String consulateCode) {
		return "agent." + consulateCode.toLowerCase(Locale.ROOT) + "@demo.moncompte.test";
	}

	@Bean
	DemoSeeder demoSeeder(StaffAccounts staff, Directory directory, CourierPartners couriers) {
		return new DemoSeeder(staff, directory, couriers);
	}

	public static class DemoSeeder {

		private final StaffAccounts staff;

		private final Directory directory;

		private final CourierPartners couriers;

		private volatile Mono<Void> seeded;

		DemoSeeder(StaffAccounts staff, Directory directory, CourierPartners couriers) {
			this.staff = staff;
			this.directory = directory;
			this.couriers = couriers;
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
					.then(seedCouriers())
					.cache();
			}
			return this.seeded;
		}

		/** Secrets are shown once only: a courier left from an earlier run gets a fresh one, printed too. */
		private Mono<Void> seedCouriers() {
			return Flux.fromIterable(COURIERS)
				.concatMap(courier -> this.couriers.register(courier.get(0), courier.get(1))
					.switchIfEmpty(Mono.defer(() -> this.couriers.rotateSecret(courier.get(0)))))
				.doOnNext(DemoSeeder::print)
				.then();
		}

		private static void print(CourierCredentials courier) {
			log.info("Demo courier {} ({}): webhook secret {} -> POST /api/v1/webhooks/couriers/{}", courier.code(),
					courier.name(), courier.secret(), courier.code());
		}

	}

}
