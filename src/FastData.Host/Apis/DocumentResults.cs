using FastData.Grains.Abstractions;
using Microsoft.Net.Http.Headers;

namespace FastData.Host.Apis;

/// <summary>Turns a stored document into an HTTP answer: ETag set, 304 when the client's copy is current. The grain
/// wrote the text without internal fields (<see cref="PublicJson"/>), so the answer is a copy of it.</summary>
internal static class DocumentResults
{
    public static IResult Ok(HttpContext context, StoredDocument document)
    {
        var etag = document.HttpETag;
        context.Response.Headers.ETag = etag;
        // Most reads carry no If-None-Match: parse the header only when there is one.
        if (context.Request.Headers.IfNoneMatch.Count > 0)
        {
            var current = new EntityTagHeaderValue(etag);
            if (context.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(current, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any)))
            {
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }
        }

        return TypedResults.Text(document.Json, "application/json");
    }
}
