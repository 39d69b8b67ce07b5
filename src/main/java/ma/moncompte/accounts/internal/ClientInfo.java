package ma.moncompte.accounts.internal;

import java.net.InetSocketAddress;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a request came from, as sessions, throttling and the activity log record it. The address is
 * the TCP peer, or the proxy's X-Forwarded-For when {@code server.forward-headers-strategy} trusts it.
 */
record ClientInfo(String ipAddress, String userAgent) {

	static final ClientInfo UNKNOWN = new ClientInfo(null, null);

	static ClientInfo of(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		String ip = remote == null ? null
				: remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
		return new ClientInfo(ip, truncate(exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT), 512));
	}

	/** The throttling subject of an unknown peer: all such requests share one counter. */
	String ipOrUnknown() {
		return this.ipAddress == null ? "unknown" : this.ipAddress;
	}

	private static String truncate(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
