package ma.moncompte.support;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Portal-wide settings.
 *
 * @param publicBaseUrl the address citizens reach the portal at; links in mails start with it
 */
@ConfigurationProperties("moncompte")
public record PortalProperties(URI publicBaseUrl) {

	public String link(String pathAndQuery) {
		String base = this.publicBaseUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
	}

}
