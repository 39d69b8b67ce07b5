package ma.moncompte.accounts.internal;

import java.time.Duration;
import java.util.List;

import ma.moncompte.accounts.CurrentUser;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates a request by its session token, from {@code Authorization: Bearer} or from the
 * session cookie (browsers' EventSource cannot send headers). An unknown, expired or revoked token
 * leaves the request anonymous; the authorization rules then answer 401 where a session is needed.
 * Event streams (which stay open for hours) are rechecked periodically and closed when their session
 * is revoked or expires, or its account closes.
 */
class SessionAuthenticationFilter implements WebFilter {

	private static final String BEARER = "Bearer ";

	private final Sessions sessions;

	private final String cookieName;

	private final Duration streamCheckInterval;

	SessionAuthenticationFilter(Sessions sessions, String cookieName, Duration streamCheckInterval) {
		this.sessions = sessions;
		this.cookieName = cookieName;
		this.streamCheckInterval = streamCheckInterval;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String token = token(exchange);
		if (token == null) {
			return chain.filter(exchange);
		}
		return this.sessions.resolve(token)
			.map(user -> {
				Mono<Void> filtered = chain.filter(exchange)
					.contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication(user)));
				// A live stream outlasts the check made when it opened: end it once its session is revoked.
				return isEventStream(exchange)
						? filtered.takeUntilOther(this.sessions.ended(user.sessionId(), this.streamCheckInterval)) : filtered;
			})
			.defaultIfEmpty(chain.filter(exchange))
			.flatMap(filtered -> filtered);
	}

	private static boolean isEventStream(ServerWebExchange exchange) {
		return exchange.getRequest().getHeaders().getAccept().stream()
			.anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM) && !type.isWildcardType());
	}

	private String token(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null) {
			return authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
					? sanitize(authorization.substring(BEARER.length()).trim()) : null;
		}
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(this.cookieName);
		return cookie == null ? null : sanitize(cookie.getValue());
	}

	/** Our tokens are 43 base64url characters; anything else cannot match and is not looked up. */
	private static String sanitize(String token) {
		return token.length() >= 32 && token.length() <= 128 && token.chars().allMatch(SessionAuthenticationFilter::isBase64Url)
				? token : null;
	}

	private static boolean isBase64Url(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}

	private static UsernamePasswordAuthenticationToken authentication(CurrentUser user) {
		List<SimpleGrantedAuthority> authorities = user.roles().stream()
			.map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
	}

}
