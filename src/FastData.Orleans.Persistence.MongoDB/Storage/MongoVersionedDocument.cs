using MongoDB.Bson;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>A stored document's fields (without <c>_id</c> and the version field) and its version.</summary>
/// <param name="Document">The fields, as stored.</param>
/// <param name="Version">The version a compare-and-swap must name; 0 for a document written without a version.</param>
public sealed record MongoVersionedDocument(BsonDocument Document, long Version);
