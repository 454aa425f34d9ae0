package io.weir.coap.internal;

import java.security.Principal;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * {@code POST /report} (PUT too): the Californium side of {@link ReportHandler}. The device is the PSK identity of
 * the DTLS session the request came through; on the lab-only plain endpoint it is the {@code id} query parameter.
 */
final class ReportResource extends CoapResource {

    static final String PATH = "report";

    private final ReportHandler handler;
    private final boolean plainAllowed;

    ReportResource(ReportHandler handler, boolean plainAllowed) {
        super(PATH);
        this.handler = handler;
        this.plainAllowed = plainAllowed;
        getAttributes().setTitle("SenML reports of field devices");
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        Request request = exchange.advanced().getRequest();
        String identity = identity(request);
        if (identity == null) {
            exchange.respond(ResponseCode.UNAUTHORIZED, "reports need a DTLS session with a pre-shared key");
            return;
        }
        Integer format = request.getOptions().hasContentFormat() ? request.getOptions().getContentFormat() : -1;
        Answer answer = handler.handle(new ReportHandler.Uplink(identity, request.getPayload(), format,
                request.getType() == Type.CON));
        Response response = new Response(code(answer.code()));
        if (answer.payload().length > 0) {
            response.setPayload(answer.payload());
            response.getOptions().setContentFormat(answer.contentFormat());
        }
        if (answer.maxAgeSeconds() >= 0) {
            response.getOptions().setMaxAge(answer.maxAgeSeconds());
        }
        exchange.respond(response);
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        handlePOST(exchange);
    }

    private String identity(Request request) {
        Principal peer = request.getSourceContext().getPeerIdentity();
        if (peer instanceof PreSharedKeyIdentity psk) {
            return psk.getIdentity();
        }
        if (peer == null && plainAllowed) {
            for (String query : request.getOptions().getUriQuery()) {
                if (query.startsWith("id=") && query.length() > 3) {
                    return query.substring(3);
                }
            }
        }
        return null;
    }

    private static ResponseCode code(Answer.Code code) {
        return switch (code) {
            case CHANGED -> ResponseCode.CHANGED;
            case BAD_REQUEST -> ResponseCode.BAD_REQUEST;
            case UNAUTHORIZED -> ResponseCode.UNAUTHORIZED;
            case REQUEST_ENTITY_TOO_LARGE -> ResponseCode.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED_CONTENT_FORMAT -> ResponseCode.UNSUPPORTED_CONTENT_FORMAT;
            case TOO_MANY_REQUESTS -> ResponseCode.TOO_MANY_REQUESTS;
            case SERVICE_UNAVAILABLE -> ResponseCode.SERVICE_UNAVAILABLE;
        };
    }
}
