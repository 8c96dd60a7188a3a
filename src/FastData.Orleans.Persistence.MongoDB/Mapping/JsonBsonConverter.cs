using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MongoDB.Bson;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// Converts <see cref="JsonObject"/> records to natural BSON documents and back. Per-field hints (keyed by dotted
/// path; array elements use their array's path) choose the BSON type, e.g. ISO date strings become BSON dates so
/// that MongoDB can range-query and sort them.
/// </summary>
public sealed class JsonBsonConverter
{
    private readonly IReadOnlyDictionary<string, BsonFieldKind> _hints;

    /// <summary>Creates a converter with the given per-path hints; paths without a hint use <see cref="BsonFieldKind.Auto"/>.</summary>
    public JsonBsonConverter(IReadOnlyDictionary<string, BsonFieldKind>? hints = null)
    {
        _hints = hints ?? new Dictionary<string, BsonFieldKind>();
    }

    /// <summary>Converts a JSON object to a BSON document, throwing <see cref="MongoDocumentMappingException"/> on a value the hint cannot take.</summary>
    public BsonDocument ToBson(JsonObject json) => ToDocument(json, prefix: null);

    /// <summary>Converts a BSON document to a JSON object; dates become ISO 8601 UTC strings with milliseconds.</summary>
    public JsonObject ToJson(BsonDocument document)
    {
        var result = new JsonObject();
        foreach (var element in document)
        {
            result[element.Name] = ToNode(element.Value);
        }

        return result;
    }

    private BsonDocument ToDocument(JsonObject json, string? prefix)
    {
        var document = new BsonDocument();
        foreach (var (name, node) in json)
        {
            var path = prefix is null ? name : $"{prefix}.{name}";
            document[name] = ToValue(node, path);
        }

        return document;
    }

    private BsonValue ToValue(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                return BsonNull.Value;
            case JsonObject obj:
                return ToDocument(obj, path);
            case JsonArray array:
                var bsonArray = new BsonArray(array.Count);
                foreach (var item in array)
                {
                    bsonArray.Add(ToValue(item, path));
                }

                return bsonArray;
            case JsonValue value:
                return ToScalar(value, path, _hints.TryGetValue(path, out var kind) ? kind : BsonFieldKind.Auto);
            default:
                throw new MongoDocumentMappingException(path, $"unsupported JSON node {node.GetType().Name}");
        }
    }

    private static BsonValue ToScalar(JsonValue value, string path, BsonFieldKind kind)
    {
        // Parsed values wrap a JsonElement; values built from CLR objects (DateTime, decimal...) are serialized once
        // so that both convert by the same rules.
        var element = value.TryGetValue<JsonElement>(out var wrapped) ? wrapped : JsonSerializer.SerializeToElement(value);
        var valueKind = element.ValueKind;
        if (valueKind == JsonValueKind.Null)
        {
            return BsonNull.Value;
        }

        return kind switch
        {
            BsonFieldKind.Auto => valueKind switch
            {
                JsonValueKind.String => new BsonString(element.GetString()!),
                JsonValueKind.True => BsonBoolean.True,
                JsonValueKind.False => BsonBoolean.False,
                JsonValueKind.Number => element.TryGetInt32(out var i) ? new BsonInt32(i)
                    : element.TryGetInt64(out var l) ? new BsonInt64(l)
                    : new BsonDouble(GetDouble(element, path)),
                _ => throw new MongoDocumentMappingException(path, $"unsupported JSON value kind {valueKind}"),
            },
            BsonFieldKind.String => valueKind == JsonValueKind.String
                ? new BsonString(element.GetString()!)
                : throw Mismatch(path, kind, valueKind),
            BsonFieldKind.Boolean => valueKind switch
            {
                JsonValueKind.True => BsonBoolean.True,
                JsonValueKind.False => BsonBoolean.False,
                _ => throw Mismatch(path, kind, valueKind),
            },
            BsonFieldKind.Int32 => valueKind == JsonValueKind.Number && element.TryGetInt32(out var i32)
                ? new BsonInt32(i32)
                : throw Mismatch(path, kind, valueKind),
            BsonFieldKind.Int64 => valueKind == JsonValueKind.Number && element.TryGetInt64(out var i64)
                ? new BsonInt64(i64)
                : throw Mismatch(path, kind, valueKind),
            BsonFieldKind.Double => valueKind == JsonValueKind.Number
                ? new BsonDouble(GetDouble(element, path))
                : throw Mismatch(path, kind, valueKind),
            BsonFieldKind.Decimal128 => valueKind == JsonValueKind.Number && element.TryGetDecimal(out var dec)
                ? new BsonDecimal128(dec)
                : throw Mismatch(path, kind, valueKind),
            BsonFieldKind.DateTime => ToDate(element, path),
            _ => throw new MongoDocumentMappingException(path, $"unknown field kind {kind}"),
        };
    }

    private static double GetDouble(JsonElement value, string path)
        => value.TryGetDouble(out var d) && double.IsFinite(d) ? d : throw new MongoDocumentMappingException(path, "number out of range for a double");

    private static BsonDateTime ToDate(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return new BsonDateTime(parsed.UtcDateTime);
            }

            throw new MongoDocumentMappingException(path, $"'{text}' is not an ISO 8601 date");
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var epochMillis))
        {
            return new BsonDateTime(epochMillis);
        }

        throw Mismatch(path, BsonFieldKind.DateTime, value.ValueKind);
    }

    private static MongoDocumentMappingException Mismatch(string path, BsonFieldKind kind, JsonValueKind actual)
        => new(path, $"expected a value convertible to {kind}, got a JSON {actual}");

    private JsonNode? ToNode(BsonValue value) => value.BsonType switch
    {
        BsonType.Null or BsonType.Undefined => null,
        BsonType.Document => ToJson(value.AsBsonDocument),
        BsonType.Array => new JsonArray(value.AsBsonArray.Select(ToNode).ToArray()),
        BsonType.String => JsonValue.Create(value.AsString),
        BsonType.Boolean => JsonValue.Create(value.AsBoolean),
        BsonType.Int32 => JsonValue.Create(value.AsInt32),
        BsonType.Int64 => JsonValue.Create(value.AsInt64),
        BsonType.Double => JsonValue.Create(value.AsDouble),
        BsonType.Decimal128 => JsonValue.Create(value.AsDecimal),
        BsonType.DateTime => JsonValue.Create(FormatDate(value.AsBsonDateTime)),
        BsonType.ObjectId => JsonValue.Create(value.AsObjectId.ToString()),
        BsonType.Timestamp => JsonValue.Create(value.AsBsonTimestamp.Value),
        BsonType.Binary => JsonValue.Create(Convert.ToBase64String(value.AsBsonBinaryData.Bytes)),
        _ => JsonValue.Create(value.ToString()),
    };

    private static string FormatDate(BsonDateTime date)
        => date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
