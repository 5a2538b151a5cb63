package io.checkoutrelay.intake.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The demo lander (/demo/lander.html with a local fake of Amazon's widget script), served only when
 * {@code intake.demo.enabled=true} (INTAKE_DEMO_ENABLED), i.e. in local runs, never in production.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "intake.demo.enabled", havingValue = "true")
public class DemoLanderConfig implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/demo/**").addResourceLocations("classpath:/demo/");
    }
}
