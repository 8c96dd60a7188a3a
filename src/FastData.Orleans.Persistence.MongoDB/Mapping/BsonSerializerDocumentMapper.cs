using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// Stores a POCO state with the driver's BSON serializer, one named field per member (class maps and
/// <c>[BsonElement]</c>-style attributes apply). Collection and <c>_id</c> come from <see cref="DefaultMongoDocumentLocator"/>.
/// </summary>
/// <remarks>A member that the class map maps to <c>_id</c> (a property named <c>Id</c>) is overwritten by the grain key: name it otherwise.</remarks>
public sealed class BsonSerializerDocumentMapper<TState> : IMongoDocumentMapper<TState>
{
    private readonly string _collectionPrefix;

    /// <summary>Creates a mapper whose collection names start with <paramref name="collectionPrefix"/>.</summary>
    public BsonSerializerDocumentMapper(string collectionPrefix = "")
    {
        _collectionPrefix = collectionPrefix;
    }

    /// <inheritdoc />
    public MongoDocumentKey Locate(string stateName, GrainId grainId) => DefaultMongoDocumentLocator.Locate(_collectionPrefix, stateName, grainId);

    /// <inheritdoc />
    public BsonDocument ToDocument(TState state) => state is null ? [] : state.ToBsonDocument(typeof(TState));

    /// <inheritdoc />
    public TState FromDocument(BsonDocument document) => BsonSerializer.Deserialize<TState>(document);
}
