package ma.moncompte.accounts.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser-facing response headers and cross-origin access.
 *
 * @param contentSecurityPolicy the Content-Security-Policy of every response; the default allows only
 * same-origin scripts, styles, images (and data: images, for the enrolment QR code) and connections
 * @param corsAllowedOrigins origins allowed to call the API from a browser; empty (the default) closes CORS
 * @param hsts Strict-Transport-Security, sent on https requests only
 */
@ConfigurationProperties("moncompte.http")
record HttpSecurityProperties(
		@DefaultValue("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
				+ "connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; "
				+ "frame-ancestors 'none'") String contentSecurityPolicy,
		@DefaultValue("") List<String> corsAllowedOrigins, @DefaultValue Hsts hsts) {

	/**
	 * @param enabled whether to send the header at all
	 * @param maxAge how long browsers keep to https
	 * @param includeSubdomains whether the rule covers subdomains
	 * @param preload whether to ask for the browsers' preload lists
	 */
	record Hsts(@DefaultValue("true") boolean enabled, @DefaultValue("365d") Duration maxAge,
			@DefaultValue("true") boolean includeSubdomains, @DefaultValue("false") boolean preload) {
	}

}
