using MongoDB.Bson;
using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// Decides where a state of type <typeparamref name="TState"/> is stored and how it becomes a natural document.
/// The grains layer implements it for its own states; <see cref="BsonSerializerDocumentMapper{TState}"/> is the default.
/// </summary>
/// <remarks>
/// The storage owns <c>_id</c> and the version field: it sets both on every write and removes both before
/// <see cref="FromDocument"/> sees the document, so a mapper never writes or reads them.
/// </remarks>
public interface IMongoDocumentMapper<TState>
{
    /// <summary>Returns the collection and <c>_id</c> for the state named <paramref name="stateName"/> of <paramref name="grainId"/>.</summary>
    MongoDocumentKey Locate(string stateName, GrainId grainId);

    /// <summary>Converts a state into the document's fields.</summary>
    BsonDocument ToDocument(TState state);

    /// <summary>Converts a stored document (without <c>_id</c> and the version field) back into a state.</summary>
    TState FromDocument(BsonDocument document);
}
