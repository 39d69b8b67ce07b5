package ma.moncompte.testing;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/** An HTTP client that really opens hundreds of connections at once, for concurrency tests. */
public final class Load {

	private Load() {
	}

	public static WebClient client(String baseUrl, int connections) {
		ConnectionProvider provider = ConnectionProvider.builder("load-" + connections)
			.maxConnections(connections)
			.pendingAcquireMaxCount(connections * 4)
			.pendingAcquireTimeout(Duration.ofSeconds(60))
			.build();
		HttpClient http = HttpClient.create(provider)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
			.responseTimeout(Duration.ofSeconds(60));
		return WebClient.builder().baseUrl(baseUrl).clientConnector(new ReactorClientHttpConnector(http)).build();
	}

}
