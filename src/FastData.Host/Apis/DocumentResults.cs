using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using Microsoft.Net.Http.Headers;

namespace FastData.Host.Apis;

/// <summary>Turns a stored document into an HTTP answer: internal fields removed, ETag set, 304 when the
/// client's copy is current.</summary>
internal static class DocumentResults
{
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Ok(HttpContext context, StoredDocument document)
    {
        var etag = new EntityTagHeaderValue($"\"{document.ETag ?? "0"}\"");
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any)))
        {
            context.Response.GetTypedHeaders().ETag = etag;
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        context.Response.GetTypedHeaders().ETag = etag;
        return TypedResults.Text(WithoutInternalFields(document.Json), "application/json");
    }

    /// <summary>Fields starting with <c>__</c> (state, source position) are storage metadata, not part of the
    /// document a channel reads.</summary>
    private static string WithoutInternalFields(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        var internalFields = node.Select(p => p.Key).Where(k => k.StartsWith("__", StringComparison.Ordinal)).ToList();
        foreach (var field in internalFields)
        {
            node.Remove(field);
        }

        return node.ToJsonString(Output);
    }
}
