package ma.moncompte.accounts.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import ma.moncompte.support.ApiProblem;
import ma.moncompte.support.ProblemResponses;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.CrossOriginOpenerPolicyServerHttpHeadersWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.server.header.CrossOriginResourcePolicyServerHttpHeadersWriter.CrossOriginResourcePolicy;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	/** Signed server-to-server calls: no session, no cookie, so neither authentication nor CSRF applies. */
	private static final String WEBHOOKS_PREFIX = "/api/v1/webhooks/";

	private static final String WEBHOOKS = WEBHOOKS_PREFIX + "couriers/**";

	private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.TRACE);

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, Sessions sessions,
			AccountsProperties properties, HttpSecurityProperties web, ProblemResponses problems) {
		CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
		csrfTokens.setCookieCustomizer(cookie -> cookie.secure(properties.secureCookies()).sameSite("Strict"));
		http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
				// The page reads the XSRF-TOKEN cookie and echoes it raw in X-XSRF-TOKEN.
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(cookieAuthenticatedWrite(properties.sessionCookie()))
				.accessDeniedHandler((exchange, denied) -> problems.write(exchange,
						ApiProblem.forbidden("csrf-token-invalid",
								"Requests authenticated by the session cookie must carry the X-XSRF-TOKEN header."))))
			.addFilterAt(new SessionAuthenticationFilter(sessions, properties.sessionCookie(),
					properties.sessionStreamCheckInterval()),
					SecurityWebFiltersOrder.AUTHENTICATION)
			.addFilterAfter(issueCsrfCookie(), SecurityWebFiltersOrder.CSRF)
			.headers(headers -> {
				headers.contentSecurityPolicy(csp -> csp.policyDirectives(web.contentSecurityPolicy()))
					// Mailed links carry tokens in their query: never leak a URL to another site.
					.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
					.frameOptions(frames -> frames.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
					.permissionsPolicy(permissions -> permissions.policy("camera=(), microphone=(), geolocation=(), payment=()"))
					.crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
					.crossOriginResourcePolicy(corp -> corp.policy(CrossOriginResourcePolicy.SAME_ORIGIN));
				if (web.hsts().enabled()) {
					// Written on https requests only (directly or through a trusted proxy's X-Forwarded-Proto).
					headers.hsts(hsts -> hsts.maxAge(web.hsts().maxAge())
						.includeSubdomains(web.hsts().includeSubdomains())
						.preload(web.hsts().preload()));
				}
				else {
					headers.hsts(ServerHttpSecurity.HeaderSpec.HstsSpec::disable);
				}
			})
			.cors(cors -> cors.configurationSource(corsConfiguration(web)))
			.authorizeExchange(routes -> routes
				.pathMatchers(HttpMethod.POST, "/api/v1/accounts", "/api/v1/accounts/verify",
						"/api/v1/accounts/verify/resend", "/api/v1/accounts/password-reset",
						"/api/v1/accounts/password-reset/confirm", "/api/v1/accounts/email/confirm", "/api/v1/sessions",
						"/api/v1/sessions/two-factor")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/api/v1/consulates", "/api/v1/consulates/*/slots", "/api/v1/services")
				.permitAll()
				// Courier webhooks carry no session: each one is authenticated by its Standard Webhooks signature.
				.pathMatchers(HttpMethod.POST, WEBHOOKS).permitAll()
				.pathMatchers(HttpMethod.GET, "/api/v1/request-types", "/api/v1/request-types/*/processing-times")
				.permitAll()
				// Provider callbacks carry no session: they are authenticated by their HMAC signature.
				.pathMatchers(HttpMethod.POST, "/api/v1/payments/callbacks/*")
				.permitAll()
				// The sandbox's hosted payment page stands for the provider's own site.
				.pathMatchers("/sandbox/pay/**")
				.permitAll()
				.pathMatchers("/api/v1/agent/**").hasAnyRole("AGENT", "ADMIN")
				.pathMatchers("/api/v1/admin/**").hasRole("ADMIN")
				.pathMatchers("/api/**").authenticated()
				.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.pathMatchers("/actuator/**").hasRole("ADMIN")
				.anyExchange().permitAll())
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((exchange, ex) -> problems.write(exchange,
						new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
								"Sign in first: send a session token as Bearer or the session cookie.")))
				.accessDeniedHandler((exchange, ex) -> problems.write(exchange,
						ApiProblem.forbidden("forbidden", "Your account may not use this resource."))));
		return http.build();
	}

	/**
	 * Cross-origin calls are refused unless their origin is configured: with no origins (the default)
	 * every cross-origin request, preflight or not, gets 403 and no Access-Control-Allow-Origin.
	 */
	private static CorsConfigurationSource corsConfiguration(HttpSecurityProperties web) {
		CorsConfiguration configuration = new CorsConfiguration();
		List<String> origins = web.corsAllowedOrigins().stream().filter(origin -> !origin.isBlank()).toList();
		configuration.setAllowedOrigins(origins);
		if (!origins.isEmpty()) {
			configuration.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE"));
			configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "X-XSRF-TOKEN",
					"Idempotency-Key", "Last-Event-ID"));
			configuration.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
			configuration.setAllowCredentials(true);
			configuration.setMaxAge(Duration.ofHours(1));
		}
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", configuration);
		return source;
	}

	/**
	 * CSRF matters only where the browser adds credentials by itself: the session cookie. Bearer
	 * tokens are never sent implicitly, so such requests need no CSRF token.
	 */
	private static ServerWebExchangeMatcher cookieAuthenticatedWrite(String cookieName) {
		return exchange -> {
			var request = exchange.getRequest();
			if (isSessionless(request.getPath().pathWithinApplication().value())) {
				return ServerWebExchangeMatcher.MatchResult.notMatch();
			}
			boolean write = !SAFE_METHODS.contains(request.getMethod());
			boolean bearer = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
			boolean cookie = request.getCookies().containsKey(cookieName);
			return write && cookie && !bearer ? ServerWebExchangeMatcher.MatchResult.match()
					: ServerWebExchangeMatcher.MatchResult.notMatch();
		};
	}

	/**
	 * Endpoints that never act on the caller's session, so a cookie the browser happens to send cannot be
	 * abused through them: provider callbacks (signed) and the sandbox payment page (a stand-in for the
	 * provider's site, whose forms post without the portal's CSRF token).
	 */
	private static boolean isSessionless(String path) {
		return path.startsWith(WEBHOOKS_PREFIX) || path.startsWith("/api/v1/payments/callbacks/")
				|| path.startsWith("/sandbox/pay/");
	}

	/** Subscribing to the deferred token makes the repository set the XSRF-TOKEN cookie. */
	private static WebFilter issueCsrfCookie() {
		return (exchange, chain) -> {
			Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
			return (token == null ? Mono.<CsrfToken>empty() : token).then(chain.filter(exchange));
		};
	}

}
