package org.nqpf.web.servlet;

import java.util.ArrayList;
import java.util.List;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.ProblemException;
import org.nqpf.web.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error of a servlet service as problem+json in the platform's vocabulary ({@link ProblemTypes}, {@code errors}
 * of {@link FieldError}s): the domain's {@link ProblemException}s as they are, Spring's own (unknown path, method,
 * media type, unreadable body, wrong parameter) under the type of their status. A client's mistake is a 4xx; only
 * what the service itself failed at is a 500, logged and answered without internals.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    /** Where the types of Spring's own problems ({@code about:blank}) become the platform's. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            problem.setType(ProblemTypes.orForStatus(problem.getType(), status));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(e -> errors.add(FieldError.rejected(e.getField(),
                String.valueOf(e.getDefaultMessage()), e.getRejectedValue())));
        ex.getBindingResult().getGlobalErrors().forEach(e -> errors.add(new FieldError(e.getObjectName(),
                String.valueOf(e.getDefaultMessage()))));
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(e -> errors.add(
                FieldError.rejected(r.getMethodParameter().getParameterName(), String.valueOf(e.getDefaultMessage()),
                        r.getArgument()))));
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName();
        String detail = ex.getMostSpecificCause() instanceof DecimalParameters.NotDecimalException notDecimal
                ? notDecimal.getMessage() : "'" + ex.getValue() + "' is not a valid " + expected;
        return invalid(ex, List.of(FieldError.rejected(field, detail, ex.getValue())), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(ex, List.of(new FieldError(ex.getParameterName(), "required")), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            return invalid(ex, List.of(new FieldError(missing.getHeaderName(), "required header")), headers,
                    request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    /** A body that is not JSON, or JSON of the wrong shape: 400 naming where it broke when the parser knows. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
        JacksonException json = cause instanceof JacksonException j ? j : null;
        String why = json != null ? json.getOriginalMessage() : cause.getMessage();
        String field = json == null ? null : path(json);
        ProblemException problem = field == null || field.isEmpty()
                ? new ProblemException(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable body",
                        "the body cannot be read: " + why)
                : new InvalidInputException(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable body",
                        List.of(new FieldError(field, why)));
        return handleExceptionInternal(ex, problem.getBody(), headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A JSON path such as {@code indicators[2].target} from the parser's references. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            }
            else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private ResponseEntity<Object> invalid(Exception ex, List<FieldError> errors, HttpHeaders headers,
            WebRequest request) {
        return handleExceptionInternal(ex, InvalidInputException.badRequest(errors).getBody(), headers,
                HttpStatus.BAD_REQUEST, request);
    }

    /** What no handler above knows is the service's own failure: logged whole, answered without its internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        ProblemException mistake = clientMistake(ex);
        if (mistake != null) {
            log.warn("{} refused: {}", request.getDescription(false), mistake.getBody().getDetail());
            return handleExceptionInternal(ex, mistake.getBody(), new HttpHeaders(), mistake.getStatusCode(),
                    request);
        }
        log.error("{} failed", request.getDescription(false), ex);
        ProblemException problem = new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal Server Error", "the service failed to handle the request; its log has the details");
        return handleExceptionInternal(ex, problem.getBody(), new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR,
                request);
    }

    /**
     * A client's mistake that only surfaces below the controllers, as the server's or the database's exception: a
     * query string whose percent-encoded bytes are no UTF-8 (Tomcat decodes parameters lazily and throws), or text
     * the database cannot store that no validation caught before it (SQLSTATE 22021, 22P05). Nothing was stored.
     */
    static ProblemException clientMistake(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals("org.apache.tomcat.util.http.InvalidParameterException")) {
                return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Bad Request",
                        "a query parameter cannot be decoded: its percent-encoded bytes are not UTF-8");
            }
            if (t instanceof java.sql.SQLException sql && ("22021".equals(sql.getSQLState())
                    || "22P05".equals(sql.getSQLState()))) {
                return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Bad Request",
                        "the request holds text that cannot be stored (a NUL character or an invalid byte sequence)");
            }
        }
        return null;
    }
}
