package io.lifestrands.monitor.api.feed;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers {@code /ws/monitor}. Origins: only {@code monitor.api.live.allowed-origins} (patterns such as
 * {@code https://*.example.com}); with none configured only same-origin pages (and clients that send no Origin, i.e.
 * non-browsers) may connect, so a foreign web page cannot read the feed with a visitor's network access.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(LiveSettings.class)
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws/monitor";

    private final MonitorSocketHandler handler;
    private final LiveSettings live;

    WebSocketConfiguration(MonitorSocketHandler handler, LiveSettings live) {
        this.handler = handler;
        this.live = live;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH)
                .addInterceptors(new LiveHandshakeInterceptor(live, handler))
                .setAllowedOriginPatterns(live.allowedOrigins().stream()
                        .filter(origin -> !origin.isBlank()).toArray(String[]::new));
    }
}
