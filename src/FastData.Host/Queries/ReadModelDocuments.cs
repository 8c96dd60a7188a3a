using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Orleans.Persistence.MongoDB;
using MongoDB.Bson;

namespace FastData.Host.Queries;

/// <summary>Converts stored records to the BSON that queries are evaluated on, and BSON to the JSON the API answers.</summary>
internal static class ReadModelDocuments
{
    private static readonly JsonBsonConverter Plain = new();

    /// <summary>The record as MongoDB would hold it: <c>_id</c> first, date fields as dates, storage metadata dropped.</summary>
    public static BsonDocument ToBson(string key, JsonObject record, ReadModelTarget target)
    {
        var fields = new JsonObject();
        foreach (var (name, value) in record)
        {
            if (!name.StartsWith("__", StringComparison.Ordinal))
            {
                fields[name] = value?.DeepClone();
            }
        }

        BsonDocument converted;
        try
        {
            converted = Converter(target).ToBson(fields);
        }
        catch (MongoDocumentMappingException)
        {
            // A value that is not a valid date stays a string (it then only matches string conditions).
            converted = Plain.ToBson(fields);
        }

        var document = new BsonDocument("_id", key);
        document.AddRange(converted);
        return document;
    }

    /// <summary>The document without storage metadata (<c>__</c> fields), as JSON; dates become ISO 8601 strings.</summary>
    public static JsonObject ToJson(BsonDocument document)
    {
        var json = Plain.ToJson(document);
        foreach (var name in json.Select(p => p.Key).Where(k => k.StartsWith("__", StringComparison.Ordinal)).ToList())
        {
            json.Remove(name);
        }

        return json;
    }

    public static bool IsPublic(JsonObject record) => RecordStates.IsPublic(record);

    private static JsonBsonConverter Converter(ReadModelTarget target) =>
        new(target.DateFields.ToDictionary(f => f, _ => BsonFieldKind.DateTime, StringComparer.Ordinal));
}
