using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Model;

namespace FastData.Grains.Storage;

/// <summary>
/// The value of a field as a secondary-index key. Numbers compare by value, as MongoDB compares them across
/// int, long and double: 7, 7L and 7.0 give the same key. A missing field and null give the same key.
/// </summary>
internal static class IndexValueKey
{
    public const string Null = "null";

    public static string Of(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null or JsonValueKind.Undefined => Null,
        JsonValueKind.String => "s:" + value.GetValue<string>(),
        JsonValueKind.True => "b:true",
        JsonValueKind.False => "b:false",
        JsonValueKind.Number => "n:" + JsonScalars.FormatNumber(value),
        _ => "j:" + value.ToJsonString(),
    };

    public static string Of(JsonElement value) => value.ValueKind == JsonValueKind.Undefined
        ? Null
        : Of(JsonNode.Parse(value.GetRawText()));
}
