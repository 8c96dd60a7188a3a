using System.Text.Json.Nodes;
using MongoDB.Bson;
using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// Stores a <see cref="JsonObject"/> state as the natural document it describes, typed by a <see cref="JsonBsonConverter"/>.
/// </summary>
public sealed class JsonObjectDocumentMapper : IMongoDocumentMapper<JsonObject>
{
    private readonly Func<string, GrainId, MongoDocumentKey> _locate;
    private readonly JsonBsonConverter _converter;

    /// <summary>Creates a mapper that places documents with <paramref name="locate"/> (state name, grain id) and converts with <paramref name="converter"/>.</summary>
    public JsonObjectDocumentMapper(Func<string, GrainId, MongoDocumentKey> locate, JsonBsonConverter converter)
    {
        ArgumentNullException.ThrowIfNull(locate);
        ArgumentNullException.ThrowIfNull(converter);
        _locate = locate;
        _converter = converter;
    }

    /// <inheritdoc />
    public MongoDocumentKey Locate(string stateName, GrainId grainId) => _locate(stateName, grainId);

    /// <inheritdoc />
    public BsonDocument ToDocument(JsonObject state) => _converter.ToBson(state);

    /// <inheritdoc />
    public JsonObject FromDocument(BsonDocument document) => _converter.ToJson(document);
}
