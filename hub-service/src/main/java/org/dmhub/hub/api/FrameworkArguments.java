package org.dmhub.hub.api;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.overtime.SpanRollup;
import org.dmhub.period.Period;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The arguments of the API's handlers that name a part of the framework ({@link Indicator}, {@link IndicatorPeriod},
 * {@link AnyPeriod}, {@link Area}): looked up, or parsed, before the handler runs, and refused with the problem that
 * says what would be valid. A handler's arguments are resolved in their order, so its first refusal is the first
 * argument's.
 */
@Configuration
class FrameworkArguments implements WebMvcConfigurer {

    /** The {@link Indicator} of this request, for its {@link IndicatorPeriod}s. */
    private static final String INDICATOR = FrameworkArguments.class.getName() + ".indicator";

    private final Catalog catalog;

    FrameworkArguments(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new Resolver<>(Indicator.class, this::indicator));
        resolvers.add(new Resolver<>(IndicatorPeriod.class, this::indicatorPeriod));
        resolvers.add(new Resolver<>(AnyPeriod.class, (any, request) -> anyPeriod(request)));
        resolvers.add(new Resolver<>(Area.class, this::area));
    }

    /**
     * Their OpenAPI description, which comes from the {@link Parameter} each annotation carries: springdoc would take
     * an argument that no annotation of Spring's describes for required.
     */
    @Bean
    ParameterCustomizer frameworkArgumentsAsDescribed() {
        return (description, parameter) -> {
            Parameter described = AnnotatedElementUtils.findMergedAnnotation(
                    AnnotatedElementUtils.forAnnotations(parameter.getParameterAnnotations()), Parameter.class);
            if (description != null && described != null) {
                description.setRequired(described.required());
            }
            return description;
        };
    }

    private IndicatorDefinition indicator(Indicator annotation, NativeWebRequest request) {
        String code = pathVariable(request, annotation.value());
        IndicatorDefinition indicator = annotation.reported()
                ? catalog.indicator(code).filter(reported -> reported.getReportingLevel() != null).orElseThrow(() -> ApiProblem.notFound(
                        "unknown-indicator", "Unknown indicator", "indicator " + code
                                + " is not an indicator departments report; GET /api/catalog/indicators lists them"))
                : catalog.indicator(code).orElseThrow(() -> ApiProblem.notFound("unknown-indicator", "Unknown indicator",
                        "indicator " + code + " is not in the framework; GET /api/catalog/indicators lists them"));
        request.setAttribute(INDICATOR, indicator, RequestAttributes.SCOPE_REQUEST);
        return indicator;
    }

    private Period indicatorPeriod(IndicatorPeriod annotation, NativeWebRequest request) throws MissingServletRequestParameterException {
        if (!(request.getAttribute(INDICATOR, RequestAttributes.SCOPE_REQUEST) instanceof IndicatorDefinition indicator)) {
            throw new IllegalStateException("the period " + annotation.value() + " needs an @Indicator argument before it");
        }
        String text = annotation.in() == ParameterIn.PATH ? pathVariable(request, annotation.value()) : request.getParameter(annotation.value());
        if (text == null) {
            if (annotation.required()) {
                throw new MissingServletRequestParameterException(annotation.value(), String.class.getSimpleName());
            }
            return null;
        }
        boolean spans = annotation.spans() && SpanRollup.rollsUpOverTime(indicator);
        return Period.parse(text)
                .filter(period -> period.periodicity() == indicator.getPeriodicity()
                        || (spans && period.periodicity().compareTo(indicator.getPeriodicity()) > 0))
                .orElseThrow(() -> ApiProblem.badRequest("invalid-period", "Invalid period", "'" + text + "' is not a period of "
                        + indicator.getCode() + ", which is reported " + indicator.getPeriodicity() + ": write "
                        + Period.form(indicator.getPeriodicity())
                        + (spans ? ", or a coarser period it is rolled up over (a quarter YYYY-Qn, a half-year YYYY-Sn, a year YYYY)" : "")));
    }

    private static Period anyPeriod(NativeWebRequest request) throws MissingServletRequestParameterException {
        String text = request.getParameter("period");
        if (text == null) {
            throw new MissingServletRequestParameterException("period", String.class.getSimpleName());
        }
        return Period.parse(text).orElseThrow(() -> ApiProblem.badRequest("invalid-period", "Invalid period",
                "'" + text + "' is not a period: write YYYY-MM, YYYY-Qn, YYYY-Sn, YYYY or YYYY-MM-DD"));
    }

    private AdminArea area(Area annotation, NativeWebRequest request) {
        String code = request.getParameter("area");
        if (code == null) {
            return annotation.provinceByDefault() ? catalog.province().orElseThrow(ApiProblem::noFramework) : null;
        }
        return catalog.area(code).orElseThrow(() -> ApiProblem.notFound("unknown-area", "Unknown area",
                "area " + code + " is not in the framework; GET /api/catalog/areas lists them"));
    }

    /** A variable of the handler's path, decoded. */
    private static String pathVariable(NativeWebRequest request, String name) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        String value = variables == null ? null : variables.get(name);
        if (value == null) {
            throw new IllegalStateException("the handler's path has no variable {" + name + "}");
        }
        return value;
    }

    /** How the argument of one of the annotations is found. */
    @FunctionalInterface
    private interface Resolution<A extends Annotation> {
        Object resolve(A annotation, NativeWebRequest request) throws MissingServletRequestParameterException;
    }

    /** Resolves the parameters that carry {@code annotation}. */
    private record Resolver<A extends Annotation>(Class<A> annotation, Resolution<A> resolution) implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.hasParameterAnnotation(annotation);
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest request,
                WebDataBinderFactory binderFactory) throws MissingServletRequestParameterException {
            return resolution.resolve(parameter.getParameterAnnotation(annotation), request);
        }
    }
}
