using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FastData.Host.Apis;

/// <summary>
/// Caps request bodies at <see cref="ApiOptions.MaxRequestBodyBytes"/>: a declared Content-Length above it is
/// refused at once with 413; otherwise the server's own limit is lowered to it, so a chunked body that grows past
/// it fails while being read (see <see cref="BoundedBody"/>).
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options, IProblemDetailsService problemDetails)
{
    // Not async: a request within the limit (nearly all) passes straight through, without a state machine per request.
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return problemDetails.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = "Request body too large", Detail = $"The body has {context.Request.ContentLength} bytes; the limit is {limit} (FastData:Api:MaxRequestBodyBytes)." },
            }).AsTask();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
