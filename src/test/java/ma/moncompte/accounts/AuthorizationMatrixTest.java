package ma.moncompte.accounts;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

import ma.moncompte.devstack.DemoData;
import ma.moncompte.support.SecureTokens;
import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route the running application exposes, checked against an explicit table of who may use it,
 * with real HTTP calls for six callers. A route missing from the table fails the build, and so does a row
 * whose route no longer exists.
 * <p>
 * Cells: {@code ok} = passes authorization (any answer but 401-unauthenticated, 403 or 404), {@code 401} =
 * refused as unauthenticated, {@code 403} = forbidden, {@code 404} = hidden as not found (another
 * citizen's resource), {@code -} = not applicable (the route owns no resource of another citizen). Columns:
 * anonymous, citizen (the owner), other citizen (on the owner's resource), agent of the post (FR-PAR),
 * agent of another post (FR-ORY), admin. Each row builds its requests from a fresh {@link World}.
 * To add a route: one line in {@link #TABLE}.
 */
class AuthorizationMatrixTest extends IntegrationTest {

	private static final String POST = "FR-PAR";

	private static final String OTHER_POST = "FR-ORY";

	// @formatter:off
	private static final List<Row> TABLE = List.of(
		//   method    route                                              anon cit other agent agent' admin   request
		row("POST",   "/api/v1/accounts",                                  "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/accounts", signUp())),
		row("POST",   "/api/v1/accounts/verify",                           "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/accounts/verify", Map.of("token", SecureTokens.newToken()))),
		row("POST",   "/api/v1/accounts/verify/resend",                    "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/accounts/verify/resend", Map.of("email", randomEmail()))),
		row("POST",   "/api/v1/accounts/password-reset",                   "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/accounts/password-reset", Map.of("email", randomEmail()))),
		row("POST",   "/api/v1/accounts/password-reset/confirm",           "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/accounts/password-reset/confirm", Map.of("token", SecureTokens.newToken(), "newPassword", "une phrase de passe assez longue"))),
		row("POST",   "/api/v1/accounts/email/confirm",                    "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/accounts/email/confirm", Map.of("token", SecureTokens.newToken()))),
		row("POST",   "/api/v1/sessions",                                  "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/sessions", Map.of("email", w.owner().email(), "password", w.owner().password()))),
		row("POST",   "/api/v1/sessions/two-factor",                       "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/sessions/two-factor", Map.of("challenge", SecureTokens.newToken(), "code", "123456"))),
		row("DELETE", "/api/v1/sessions/current",                          "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/sessions/current", null)),
		row("GET",    "/api/v1/consulates",                                "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/consulates", null)),
		row("GET",    "/api/v1/services",                                  "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/services", null)),
		row("GET",    "/api/v1/consulates/{code}/slots",                   "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/consulates/" + POST + "/slots?service=PASSPORT", null)),
		row("GET",    "/api/v1/me",                                        "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me", null)),
		row("PATCH",  "/api/v1/me",                                        "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me", Map.of("phone", "+33698765432"))),
		row("GET",    "/api/v1/me/activity",                               "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/activity", null)),
		row("GET",    "/api/v1/me/export",                                 "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/export", null)),
		row("POST",   "/api/v1/me/closure",                                "401  ok  -    403   403    403",   (w, a) -> req("/api/v1/me/closure", Map.of("currentPassword", a == Actor.CITIZEN ? w.owner().password() : "x"))),
		row("POST",   "/api/v1/me/email",                                  "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/email", a == Actor.CITIZEN ? Map.of("newEmail", randomEmail(), "currentPassword", w.owner().password()) : Map.of())),
		row("POST",   "/api/v1/me/password",                               "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/password", a == Actor.CITIZEN ? Map.of("currentPassword", w.owner().password(), "newPassword", "encore une phrase de passe") : Map.of())),
		row("GET",    "/api/v1/me/sessions",                               "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/sessions", null)),
		// Staff sessions are fresh per row, so revoking "all others" touches no other test.
		row("DELETE", "/api/v1/me/sessions",                               "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/sessions", null)),
		row("DELETE", "/api/v1/me/sessions/{id}",                          "401  ok  404  404   404    404",   (w, a) -> req("/api/v1/me/sessions/" + w.ownerSecondSession(), null)),
		row("GET",    "/api/v1/me/2fa",                                    "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/2fa", null)),
		row("POST",   "/api/v1/me/2fa/enrolment",                          "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/2fa/enrolment", a == Actor.CITIZEN ? Map.of("currentPassword", w.owner().password()) : Map.of())),
		row("POST",   "/api/v1/me/2fa/confirm",                            "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/2fa/confirm", a == Actor.CITIZEN ? Map.of("code", "123456") : Map.of())),
		row("POST",   "/api/v1/me/2fa/disable",                            "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/2fa/disable", a == Actor.CITIZEN ? Map.of("code", "123456") : Map.of())),
		row("POST",   "/api/v1/me/2fa/recovery-codes",                     "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/2fa/recovery-codes", a == Actor.CITIZEN ? Map.of("code", "123456") : Map.of())),
		row("GET",    "/api/v1/me/events",                                 "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/events", null)),
		row("GET",    "/api/v1/me/appointments",                           "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/appointments", null)),
		row("POST",   "/api/v1/me/appointments",                           "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/appointments", Map.of("slotId", w.slot().toString()))),
		row("GET",    "/api/v1/me/appointments/{id}",                      "401  ok  404  404   404    404",   (w, a) -> req("/api/v1/me/appointments/" + w.appointment(), null)),
		row("DELETE", "/api/v1/me/appointments/{id}",                      "401  ok  404  404   404    404",   (w, a) -> req("/api/v1/me/appointments/" + w.appointment(), null)),
		row("GET",    "/api/v1/agent/consulates/{code}/appointments",      "401  403 -    ok    403    ok",    (w, a) -> req("/api/v1/agent/consulates/" + POST + "/appointments", null)),
		row("POST",   "/api/v1/agent/appointments/{id}/status",            "401  403 -    ok    403    ok",    (w, a) -> req("/api/v1/agent/appointments/" + w.appointment() + "/status", Map.of("status", "CHECKED_IN"))),
		row("POST",   "/api/v1/agent/consulates/{code}/slots",             "401  403 -    ok    403    ok",    (w, a) -> req("/api/v1/agent/consulates/" + POST + "/slots", Map.of("service", "PASSPORT", "start", farFutureLocal(), "durationMinutes", 20, "capacity", 2))),
		row("POST",   "/api/v1/agent/consulates/{code}/closures",          "401  403 -    ok    403    ok",    (w, a) -> req("/api/v1/agent/consulates/" + POST + "/closures", Map.of("date", farFutureDay().toString(), "reason", "Authorization matrix"))),
		row("GET",    "/api/v1/agent/consulates/{code}/closures",          "401  403 -    ok    403    ok",    (w, a) -> req("/api/v1/agent/consulates/" + POST + "/closures", null)),
		row("GET",    "/api/v1/admin/couriers",                            "401  403 -    403   403    ok",    (w, a) -> req("/api/v1/admin/couriers", null)),
		row("POST",   "/api/v1/admin/couriers",                            "401  403 -    403   403    ok",    (w, a) -> req("/api/v1/admin/couriers", Map.of("code", "MATRIX-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(), "name", "Matrix courier"))),
		row("POST",   "/api/v1/admin/couriers/{code}/secrets",             "401  403 -    403   403    ok",    (w, a) -> req("/api/v1/admin/couriers/" + w.courier() + "/secrets", null)),
		row("GET",    "/api/v1/agent/consulates/{code}/shipments",         "401  403 -    ok    403    ok",    (w, a) -> req("/api/v1/agent/consulates/" + POST + "/shipments", null)),
		row("POST",   "/api/v1/agent/consulates/{code}/shipments",         "401  403 -    ok    403    ok",    (w, a) -> req("/api/v1/agent/consulates/" + POST + "/shipments", Map.of("citizenEmail", w.owner().email(), "courier", w.courier(), "trackingNumber", "MX" + UUID.randomUUID().toString().substring(0, 10), "description", "Passeport"))),
		row("GET",    "/api/v1/agent/consulates/{code}/shipments/{reference}", "401  403 -    ok    403    ok",  (w, a) -> req("/api/v1/agent/consulates/" + POST + "/shipments/" + w.shipment(), null)),
		row("GET",    "/api/v1/agent/consulates/{code}/dead-letters",      "401  403 -    ok    403    ok",    (w, a) -> req("/api/v1/agent/consulates/" + POST + "/dead-letters", null)),
		// No such letter: the post's agent and the admin get past authorization to a 404; another post's agent does not.
		row("POST",   "/api/v1/agent/consulates/{code}/dead-letters/{id}/replay", "401  403 -  404   403    404",  (w, a) -> req("/api/v1/agent/consulates/" + POST + "/dead-letters/" + UUID.randomUUID() + "/replay", null)),
		row("GET",    "/api/v1/me/shipments",                              "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/shipments", null)),
		row("GET",    "/api/v1/me/shipments/{reference}",                  "401  ok  404  404   404    404",   (w, a) -> req("/api/v1/me/shipments/" + w.shipment(), null)),
		// Couriers authenticate by signature, not session: everyone reaches it and an unsigned call gets its 401.
		row("POST",   "/api/v1/webhooks/couriers/{code}",                  "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/webhooks/couriers/" + w.courier(), Map.of("trackingNumber", "X", "status", "IN_TRANSIT", "occurredAt", "2026-01-01T00:00:00Z"))),
		row("GET",    "/api/v1/request-types",                             "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/request-types", null)),
		row("GET",    "/api/v1/request-types/{code}/processing-times",     "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/request-types/PASSPORT_RENEWAL/processing-times?consulate=" + POST, null)),
		row("GET",    "/api/v1/me/requests",                               "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/requests", null)),
		row("POST",   "/api/v1/me/requests",                               "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/requests", Map.of("type", "PASSPORT_RENEWAL", "consulate", POST, "fields", Map.of()))),
		row("GET",    "/api/v1/me/requests/{id}",                          "401  ok  404  404   404    404",   (w, a) -> req("/api/v1/me/requests/" + w.request(), null)),
		row("PATCH",  "/api/v1/me/requests/{id}",                          "401  ok  404  404   404    404",   (w, a) -> req("/api/v1/me/requests/" + w.request(), Map.of("fields", Map.of()))),
		row("POST",   "/api/v1/me/requests/{id}/submit",                   "401  ok  404  404   404    404",   (w, a) -> req("/api/v1/me/requests/" + w.request() + "/submit", null)),
		row("POST",   "/api/v1/me/requests/{id}/withdraw",                 "401  ok  404  404   404    404",   (w, a) -> req("/api/v1/me/requests/" + w.request() + "/withdraw", null)),
		row("POST",   "/api/v1/me/requests/{id}/respond",                  "401  ok  404  404   404    404",   (w, a) -> req("/api/v1/me/requests/" + w.request() + "/respond", Map.of("message", "voici"))),
		row("POST",   "/api/v1/me/requests/{id}/appointment/confirm",      "401  ok  404  404   404    404",   (w, a) -> req("/api/v1/me/requests/" + w.request() + "/appointment/confirm", null)),
		// Without an Idempotency-Key (payments) or a multipart body (documents) every signed-in caller is
		// refused with a 4xx before anything is looked up; ownership is covered by the requests tests.
		row("POST",   "/api/v1/me/requests/{id}/payments",                 "401  ok  ok   ok    ok     ok",   (w, a) -> req("/api/v1/me/requests/" + w.request() + "/payments", null)),
		// Multipart uploads are exercised by the requests tests; a JSON body still shows who gets past authorization.
		row("POST",   "/api/v1/me/requests/{id}/documents",                "401  ok  ok   ok    ok     ok",   (w, a) -> req("/api/v1/me/requests/" + w.request() + "/documents", Map.of())),
		row("GET",    "/api/v1/me/requests/{id}/documents/{documentId}",   "401  404 404  404   404    404",   (w, a) -> req("/api/v1/me/requests/" + w.request() + "/documents/" + UUID.randomUUID(), null)),
		row("DELETE", "/api/v1/me/requests/{id}/documents/{documentId}",   "401  404 404  404   404    404",   (w, a) -> req("/api/v1/me/requests/" + w.request() + "/documents/" + UUID.randomUUID(), null)),
		row("GET",    "/api/v1/me/payments",                               "401  ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/me/payments", null)),
		row("GET",    "/api/v1/me/payments/{id}",                          "401  404 404  404   404    404",   (w, a) -> req("/api/v1/me/payments/" + UUID.randomUUID(), null)),
		row("GET",    "/api/v1/agent/consulates/{code}/requests",          "401  403 -    ok    403    ok",    (w, a) -> req("/api/v1/agent/consulates/" + POST + "/requests", null)),
		// The owner's request is still a draft, which no agent sees: 404 for every agent and the admin.
		row("GET",    "/api/v1/agent/requests/{id}",                       "401  403 -    404   404    404",    (w, a) -> req("/api/v1/agent/requests/" + w.request(), null)),
		row("POST",   "/api/v1/agent/requests/{id}/transitions",           "401  403 -    404   404    404",    (w, a) -> req("/api/v1/agent/requests/" + w.request() + "/transitions", Map.of("to", "APPROVED"))),
		row("GET",    "/api/v1/agent/requests/{id}/documents/{documentId}", "401  403 -   404   404    404",   (w, a) -> req("/api/v1/agent/requests/" + w.request() + "/documents/" + UUID.randomUUID(), null)),
		// The provider's side: public, authenticated by the payment token or the callback signature.
		row("POST",   "/api/v1/payments/callbacks/{provider}",             "ok   ok  -    ok    ok     ok",    (w, a) -> req("/api/v1/payments/callbacks/sandbox", Map.of("paymentId", UUID.randomUUID().toString()))),
		row("GET",    "/sandbox/pay/{token}",                              "404  404 -    404   404    404",   (w, a) -> req("/sandbox/pay/" + SecureTokens.newToken(), null)),
		row("POST",   "/sandbox/pay/{token}/approve",                      "404  404 -    404   404    404",   (w, a) -> req("/sandbox/pay/" + SecureTokens.newToken() + "/approve", null)),
		row("POST",   "/sandbox/pay/{token}/decline",                      "404  404 -    404   404    404",   (w, a) -> req("/sandbox/pay/" + SecureTokens.newToken() + "/decline", null)),
		row("POST",   "/sandbox/pay/{token}/resend",                       "404  404 -    404   404    404",   (w, a) -> req("/sandbox/pay/" + SecureTokens.newToken() + "/resend", null)),
		row("GET",    "/actuator",                                         "401  403 -    403   403    ok",    (w, a) -> req("/actuator", null)),
		row("GET",    "/actuator/health",                                  "ok   ok  -    ok    ok     ok",    (w, a) -> req("/actuator/health", null)),
		row("GET",    "/actuator/health/{*path}",                          "ok   ok  -    ok    ok     ok",    (w, a) -> req("/actuator/health/liveness", null)),
		row("GET",    "/actuator/info",                                    "ok   ok  -    ok    ok     ok",    (w, a) -> req("/actuator/info", null)),
		row("GET",    "/actuator/prometheus",                              "ok   ok  -    ok    ok     ok",    (w, a) -> req("/actuator/prometheus", null)),
		row("GET",    "/v3/api-docs",                                      "ok   ok  -    ok    ok     ok",    (w, a) -> req("/v3/api-docs", null)),
		row("GET",    "/v3/api-docs.yaml",                                 "ok   ok  -    ok    ok     ok",    (w, a) -> req("/v3/api-docs.yaml", null)),
		row("GET",    "/v3/api-docs/swagger-config",                       "ok   ok  -    ok    ok     ok",    (w, a) -> req("/v3/api-docs/swagger-config", null)),
		row("GET",    "/swagger-ui.html",                                  "ok   ok  -    ok    ok     ok",    (w, a) -> req("/swagger-ui.html", null))
	);
	// @formatter:on

	/**
	 * One world per row; the owner calls last, so that what the owner's call changes (a revoked session,
	 * a closed account) cannot make another caller's answer look right by accident.
	 */
	private static final List<Actor> CALL_ORDER = List.of(Actor.ANONYMOUS, Actor.OTHER_CITIZEN, Actor.AGENT,
			Actor.AGENT_OF_OTHER_POST, Actor.ADMIN, Actor.CITIZEN);

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private ApplicationContext context;

	enum Actor {

		ANONYMOUS, CITIZEN, OTHER_CITIZEN, AGENT, AGENT_OF_OTHER_POST, ADMIN

	}

	enum Expect {

		OK, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, NOT_APPLICABLE;

		static Expect of(String cell) {
			return switch (cell) {
				case "ok" -> OK;
				case "401" -> UNAUTHENTICATED;
				case "403" -> FORBIDDEN;
				case "404" -> NOT_FOUND;
				case "-" -> NOT_APPLICABLE;
				default -> throw new IllegalArgumentException("Unknown cell " + cell);
			};
		}

	}

	record Request(String path, Object body) {
	}

	record Row(String method, String route, List<Expect> expected, BiFunction<World, Actor, Request> request) {

		String key() {
			return this.method + " " + this.route;
		}

	}

	/** The callers and the owner's resources, created afresh for each row; slots and bookings only when asked for. */
	final class World {

		private final AccountFixtures.Citizen owner;

		private final Map<Actor, String> tokens;

		private final UUID ownerSecondSession;

		private UUID slot;

		private UUID appointment;

		World(AccountFixtures.Citizen owner, Map<Actor, String> tokens, UUID ownerSecondSession) {
			this.owner = owner;
			this.tokens = tokens;
			this.ownerSecondSession = ownerSecondSession;
		}

		AccountFixtures.Citizen owner() {
			return this.owner;
		}

		Map<Actor, String> tokens() {
			return this.tokens;
		}

		UUID ownerSecondSession() {
			return this.ownerSecondSession;
		}

		private String courier;

		private String shipment;

		/** A courier partner of the matrix's own, so the demo couriers' secrets stay as they are. */
		String courier() {
			if (this.courier == null) {
				String code = "MX-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
				AuthorizationMatrixTest.this.http().post().uri("/api/v1/admin/couriers")
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.tokens.get(Actor.ADMIN))
					.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", code, "name", "Matrix courier"))
					.exchange().expectStatus().isCreated();
				this.courier = code;
			}
			return this.courier;
		}

		/** The reference of a shipment to the owner, from the post. */
		String shipment() {
			if (this.shipment == null) {
				this.shipment = AuthorizationMatrixTest.this.json.readTree(AuthorizationMatrixTest.this.http().post()
					.uri("/api/v1/agent/consulates/" + POST + "/shipments")
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.tokens.get(Actor.AGENT))
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("citizenEmail", this.owner.email(), "courier", courier(), "trackingNumber",
							"MS" + UUID.randomUUID().toString().substring(0, 10), "description", "Passeport"))
					.exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody())
					.get("reference").asString();
			}
			return this.shipment;
		}

		private String request;

		/** A draft service request of the owner's at the post. */
		String request() {
			if (this.request == null) {
				this.request = AuthorizationMatrixTest.this.json.readTree(AuthorizationMatrixTest.this.http().post()
					.uri("/api/v1/me/requests")
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.tokens.get(Actor.CITIZEN))
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("type", "PASSPORT_RENEWAL", "consulate", POST, "fields", Map.of()))
					.exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody())
					.get("id").asString();
			}
			return this.request;
		}

		/** A free future slot at the post. */
		UUID slot() {
			if (this.slot == null) {
				this.slot = insertSlot();
			}
			return this.slot;
		}

		/** The owner's appointment at the post, booked through the API. */
		UUID appointment() {
			if (this.appointment == null) {
				this.appointment = UUID.fromString(AuthorizationMatrixTest.this.json.readTree(AuthorizationMatrixTest.this.portal
					.book(this.tokens.get(Actor.CITIZEN), insertSlot())
					.expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()).get("id").asString());
			}
			return this.appointment;
		}

	}

	private static Row row(String method, String route, String cells, BiFunction<World, Actor, Request> request) {
		List<Expect> expected = java.util.Arrays.stream(cells.trim().split("\\s+")).map(Expect::of).toList();
		if (expected.size() != Actor.values().length) {
			throw new IllegalArgumentException(method + " " + route + ": " + Actor.values().length + " cells expected");
		}
		return new Row(method, route, expected, request);
	}

	private static Request req(String path, Object body) {
		return new Request(path, body);
	}

	@Test
	void everyRouteIsInTheTableAndEveryCallerGetsWhatTheTableSays() {
		Set<String> exposed = exposedRoutes();
		Set<String> tabled = new TreeSet<>();
		TABLE.forEach(row -> tabled.add(row.key()));
		Set<String> missing = new TreeSet<>(exposed);
		missing.removeAll(tabled);
		Set<String> stale = new TreeSet<>(tabled);
		stale.removeAll(exposed);
		assertThat(missing).as("Routes the application exposes but the authorization table lacks: add a row each").isEmpty();
		assertThat(stale).as("Rows for routes the application no longer exposes").isEmpty();

		List<String> mismatches = new ArrayList<>();
		WebClient client = this.portal.webClient();
		for (Row row : TABLE) {
			World world = newWorld();
			for (Actor actor : CALL_ORDER) {
				Expect expect = row.expected().get(actor.ordinal());
				if (expect == Expect.NOT_APPLICABLE) {
					continue;
				}
				Request request = row.request().apply(world, actor);
				Outcome outcome = call(client, row.method(), request, world.tokens().get(actor));
				if (!outcome.satisfies(expect)) {
					mismatches.add(row.key() + " as " + actor + ": expected " + expect + ", got " + outcome);
				}
			}
		}
		assertThat(mismatches).isEmpty();
	}

	/** Method and pattern of every handler method of every request-mapping handler mapping. */
	private Set<String> exposedRoutes() {
		Set<String> routes = new TreeSet<>();
		for (RequestMappingInfoHandlerMapping mapping : this.context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
				Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition().getMethods();
				for (String pattern : info.getPatternsCondition().getPatterns().stream()
					.map(org.springframework.web.util.pattern.PathPattern::getPatternString).toList()) {
					if (methods.isEmpty()) {
						routes.add("ANY " + pattern);
					}
					methods.forEach(method -> routes.add(method.name() + " " + pattern));
				}
			}
		}
		return routes;
	}

	record Outcome(int status, String type) {

		boolean satisfies(Expect expect) {
			boolean unauthenticated = this.status == 401 && this.type != null && this.type.endsWith("/unauthenticated");
			return switch (expect) {
				case OK -> !unauthenticated && this.status != 403 && this.status != 404 && this.status < 500;
				case UNAUTHENTICATED -> unauthenticated;
				case FORBIDDEN -> this.status == 403;
				case NOT_FOUND -> this.status == 404;
				case NOT_APPLICABLE -> true;
			};
		}

	}

	private Outcome call(WebClient client, String method, Request request, String token) {
		WebClient.RequestBodySpec spec = client.method(HttpMethod.valueOf(method))
			.uri(request.path())
			.header("X-Forwarded-For", AccountFixtures.newIp());
		if (token != null) {
			spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		WebClient.RequestHeadersSpec<?> ready = request.body() == null ? spec
				: spec.contentType(MediaType.APPLICATION_JSON).bodyValue(request.body());
		// The first chunk is enough (the event stream never ends): status, and the problem type if any.
		return ready.exchangeToMono(response -> response.bodyToFlux(DataBuffer.class)
			.take(1)
			.map(buffer -> {
				String text = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
				DataBufferUtils.release(buffer);
				return text;
			})
			.next()
			.defaultIfEmpty("")
			.map(body -> new Outcome(response.statusCode().value(), problemType(body))))
			.timeout(Duration.ofSeconds(30))
			.block();
	}

	private String problemType(String body) {
		if (!body.startsWith("{\"type\"")) {
			return null;
		}
		try {
			return this.json.readTree(body).get("type").asString();
		}
		catch (RuntimeException partial) {
			return null;
		}
	}

	private World newWorld() {
		AccountFixtures fixtures = new AccountFixtures(this.db);
		AccountFixtures.Citizen owner = fixtures.citizen("matrix-owner");
		AccountFixtures.Citizen other = fixtures.citizen("matrix-other");
		Map<Actor, String> tokens = new LinkedHashMap<>();
		tokens.put(Actor.CITIZEN, openSession(owner.id()));
		tokens.put(Actor.OTHER_CITIZEN, openSession(other.id()));
		tokens.put(Actor.AGENT, openSession(staffId(DemoData.agentOf(POST))));
		tokens.put(Actor.AGENT_OF_OTHER_POST, openSession(staffId(DemoData.agentOf(OTHER_POST))));
		tokens.put(Actor.ADMIN, openSession(staffId(DemoData.ADMIN)));
		String second = openSession(owner.id());
		return new World(owner, tokens, sessionId(second));
	}

	private String openSession(UUID accountId) {
		String token = SecureTokens.newToken();
		this.db.sql("INSERT INTO sessions (account_id, token_hash, expires_at) VALUES (:a, :h, now() + interval '1 hour')")
			.bind("a", accountId).bind("h", SecureTokens.sha256(token)).then().block();
		return token;
	}

	private UUID sessionId(String token) {
		return this.db.sql("SELECT id FROM sessions WHERE token_hash = :h").bind("h", SecureTokens.sha256(token))
			.map((r, m) -> r.get("id", UUID.class)).one().block();
	}

	private UUID staffId(String email) {
		return this.db.sql("SELECT id FROM accounts WHERE email = :e").bind("e", email)
			.map((r, m) -> r.get("id", UUID.class)).one().block();
	}

	/** A free future slot at the post, written directly: each row needs its own. */
	private UUID insertSlot() {
		return this.db.sql("""
				INSERT INTO slots (consulate_code, service_code, starts_at, ends_at, capacity)
				VALUES (:post, 'PASSPORT', now() + make_interval(days => :days, mins => :mins),
				        now() + make_interval(days => :days, mins => :mins + 20), 10)
				RETURNING id""")
			.bind("post", POST)
			.bind("days", 800 + ThreadLocalRandom.current().nextInt(2000))
			.bind("mins", ThreadLocalRandom.current().nextInt(1440))
			.map((r, m) -> r.get("id", UUID.class))
			.one()
			.block();
	}

	private static Map<String, Object> signUp() {
		return Map.of("email", randomEmail(), "password", "une phrase de passe assez longue", "firstName", "Matrix",
				"lastName", "Row", "preferredLanguage", "fr");
	}

	private static String randomEmail() {
		return "matrix-" + UUID.randomUUID() + "@example.org";
	}

	private static LocalDate farFutureDay() {
		return LocalDate.now().plusDays(3000 + ThreadLocalRandom.current().nextInt(3000));
	}

	private static String farFutureLocal() {
		return farFutureDay() + "T" + String.format("%02d:%02d", 8 + ThreadLocalRandom.current().nextInt(10),
				ThreadLocalRandom.current().nextInt(60));
	}

}
