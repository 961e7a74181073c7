package org.nqpf.web.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.StrictJson;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Path variables and query parameters holding text PostgreSQL cannot take (a NUL, a lone surrogate) are refused
 * with a 400 naming them, before a controller hands them to a query; the database would otherwise fail the query
 * and the client would see a 500.
 */
public class UnstorableTextInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        List<FieldError> errors = new ArrayList<>();
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map) {
            map.forEach((name, value) -> check(String.valueOf(name), String.valueOf(value), errors));
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            check(parameter.getKey(), parameter.getKey(), errors);
            for (String value : parameter.getValue()) {
                check(parameter.getKey(), value, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw InvalidInputException.badRequest(errors);
        }
        return true;
    }

    private static void check(String name, String value, List<FieldError> errors) {
        String why = StrictJson.unstorable(value);
        if (why != null) {
            errors.add(new FieldError(StrictJson.unstorable(name) == null ? name : "(parameter name)", why));
        }
    }
}
