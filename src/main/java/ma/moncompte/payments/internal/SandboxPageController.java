package ma.moncompte.payments.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Currency;

import ma.moncompte.payments.internal.SandboxCheckoutRepository.SandboxCheckout;
import ma.moncompte.payments.internal.SandboxCheckoutRepository.Status;
import ma.moncompte.support.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The sandbox's hosted payment page. It stands for the provider's site, so it needs no portal session:
 * knowing the unguessable checkout token is what lets a payer in. Each decision is taken once, then
 * announced to the service by a signed callback, then the payer is sent back to the portal.
 */
@RestController
@RequestMapping("/sandbox/pay/{token}")
class SandboxPageController {

	static final String CALLBACK_PATH = "/api/v1/payments/callbacks/" + SandboxPaymentProvider.NAME;

	private final SandboxCheckoutRepository checkouts;

	private final SandboxCallbackSender callbacks;

	private final PaymentsProperties.Sandbox properties;

	SandboxPageController(SandboxCheckoutRepository checkouts, SandboxCallbackSender callbacks,
			PaymentsProperties properties) {
		this.checkouts = checkouts;
		this.callbacks = callbacks;
		this.properties = properties.sandbox();
	}

	@GetMapping(produces = MediaType.TEXT_HTML_VALUE)
	Mono<String> page(@PathVariable String token) {
		return find(token).map(SandboxPageController::html);
	}

	@PostMapping("/approve")
	Mono<ResponseEntity<Void>> approve(@PathVariable String token, ServerWebExchange exchange) {
		return decide(token, Status.APPROVED, exchange);
	}

	@PostMapping("/decline")
	Mono<ResponseEntity<Void>> decline(@PathVariable String token, ServerWebExchange exchange) {
		return decide(token, Status.DECLINED, exchange);
	}

	/** Sends the callback of a decided checkout again, as providers let merchants replay webhooks. */
	@PostMapping("/resend")
	Mono<SandboxCallbackSender.Delivery> resend(@PathVariable String token, ServerWebExchange exchange) {
		return find(token).flatMap(checkout -> checkout.status() == Status.OPEN
				? Mono.error(ApiProblem.conflict("checkout-open", "Not decided yet", "Approve or decline first."))
				: this.callbacks.send(checkout, callbackUrl(exchange)));
	}

	private Mono<ResponseEntity<Void>> decide(String token, Status decision, ServerWebExchange exchange) {
		return this.checkouts.decide(token, decision)
			.switchIfEmpty(Mono.defer(() -> find(token).flatMap(existing -> Mono.error(ApiProblem.conflict(
					"checkout-closed", "Already decided", "This payment was already " + existing.status().name().toLowerCase()
							+ ".")))))
			.flatMap(decided -> this.callbacks.send(decided, callbackUrl(exchange))
				.map(delivery -> ResponseEntity.status(HttpStatus.SEE_OTHER)
					.header(HttpHeaders.LOCATION, decided.returnUrl())
					.header("Sandbox-Callback-Status", Integer.toString(delivery.status()))
					.<Void>build()));
	}

	private Mono<SandboxCheckout> find(String token) {
		return this.checkouts.find(token)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("checkout-not-found", "There is no such payment page.")));
	}

	private URI callbackUrl(ServerWebExchange exchange) {
		if (this.properties.callbackUrl() != null) {
			return this.properties.callbackUrl();
		}
		return UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
			.replacePath(CALLBACK_PATH)
			.replaceQuery(null)
			.fragment(null)
			.build()
			.toUri();
	}

	private static String html(SandboxCheckout checkout) {
		Currency currency = Currency.getInstance(checkout.currency());
		String amount = BigDecimal.valueOf(checkout.amountMinor(), currency.getDefaultFractionDigits()).toPlainString()
				+ " " + currency.getCurrencyCode();
		String base = "/sandbox/pay/" + HtmlUtils.htmlEscape(checkout.token());
		String actions = checkout.status() == Status.OPEN ? """
				<form method="post" action="%1$s/approve"><button type="submit">Approve payment</button></form>
				<form method="post" action="%1$s/decline"><button type="submit">Decline</button></form>""".formatted(base)
				: "<p>This payment was " + checkout.status().name().toLowerCase() + ".</p>";
		return """
				<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sandbox payment</title></head>
				<body style="font-family:sans-serif">
				<h1>Sandbox payment page</h1>
				<p>No real money moves here.</p>
				<p>%s</p>
				<p><strong>%s</strong></p>
				%s
				</body></html>""".formatted(HtmlUtils.htmlEscape(checkout.description()), HtmlUtils.htmlEscape(amount),
				actions);
	}

}
