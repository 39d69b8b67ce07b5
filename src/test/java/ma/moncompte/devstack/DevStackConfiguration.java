package ma.moncompte.devstack;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Wires an application context to the {@link DevStack}: through {@code @ServiceConnection} when the
 * services run as containers, through properties when they run embedded.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DevStackConfiguration {

	@Bean
	static DynamicPropertyRegistrar devStackProperties(Environment environment) {
		DevStack stack = DevStack.shared(environment.getProperty("moncompte.devstack.smtp-port", Integer.class, 0),
				environment.getProperty("moncompte.devstack.imap-port", Integer.class, 0));
		var properties = DevStack.dockerAvailable() ? stack.mailProperties() : stack.properties();
		return registry -> properties.forEach((name, value) -> registry.add(name, () -> value));
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(DockerAvailable.class)
	static class Containers {

		@Bean(destroyMethod = "")
		@ServiceConnection
		PostgreSQLContainer postgresContainer() {
			ContainerServices.postgres();
			return ContainerServices.POSTGRES;
		}

		@Bean(destroyMethod = "")
		@ServiceConnection
		KafkaContainer kafkaContainer() {
			ContainerServices.kafka();
			return ContainerServices.KAFKA;
		}

	}

	static class DockerAvailable implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return DevStack.dockerAvailable();
		}

	}

}
