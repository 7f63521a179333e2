package io.lifestrands.monitor.api.live;

import io.lifestrands.monitor.api.system.ApiSettings;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Registers {@code /ws/monitor} with the configured allowed origins ({@code monitor.api.allowed-origins}). */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws/monitor";

    private final MonitorSocketHandler handler;
    private final ApiSettings settings;

    WebSocketConfiguration(MonitorSocketHandler handler, ApiSettings settings) {
        this.handler = handler;
        this.settings = settings;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH)
                .setAllowedOriginPatterns(settings.allowedOrigins().toArray(String[]::new));
    }
}
