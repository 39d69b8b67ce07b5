package ma.moncompte.accounts.internal;

import java.util.List;

import ma.moncompte.accounts.CurrentUser;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
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
 */
class SessionAuthenticationFilter implements WebFilter {

	private static final String BEARER = "Bearer ";

	private final Sessions sessions;

	private final String cookieName;

	SessionAuthenticationFilter(Sessions sessions, String cookieName) {
		this.sessions = sessions;
		this.cookieName = cookieName;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String token = token(exchange);
		if (token == null) {
			return chain.filter(exchange);
		}
		return this.sessions.resolve(token)
			.map(SessionAuthenticationFilter::authentication)
			.map(auth -> chain.filter(exchange).contextWrite(ReactiveSecurityContextHolder.withAuthentication(auth)))
			.defaultIfEmpty(chain.filter(exchange))
			.flatMap(filtered -> filtered);
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
