package org.nqpf.roadmap.access;

import jakarta.servlet.http.HttpServletRequest;
import org.nqpf.security.Redaction;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP edge of tenancy: every JSON answer of a roadmap route, as a tenant-bound caller receives it, with the
 * entities it does not see as anonymous peers ({@link Redaction}). Problems pass as they are: a 404 for another
 * tenant's entity must read exactly as one for a missing entity.
 */
@ControllerAdvice
class TenantRedactionAdvice implements ResponseBodyAdvice<Object> {

    private final TenantAccess access;
    private final JsonMapper json;

    TenantRedactionAdvice(TenantAccess access, JsonMapper json) {
        this.access = access;
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body == null || body instanceof ProblemDetail || body instanceof CharSequence
                || !(request instanceof ServletServerHttpRequest servlet)
                || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            return body;
        }
        HttpServletRequest http = servlet.getServletRequest();
        if (!http.getRequestURI().startsWith("/api/v1/roadmaps")) {
            return body;
        }
        Redaction redaction = access.redaction();
        return redaction.active() ? redaction.apply(json.valueToTree(body)) : body;
    }
}
