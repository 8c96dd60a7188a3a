using MongoDB.Bson;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>A validated query in MongoDB terms.</summary>
/// <param name="Filter">The filter document (empty for all documents).</param>
/// <param name="Sort">The sort document, or null.</param>
/// <param name="Projection">The projection document, or null for whole documents.</param>
/// <param name="Limit">The effective page size (after the cap).</param>
/// <param name="Skip">The number of documents skipped.</param>
public sealed record TranslatedReadModelQuery(BsonDocument Filter, BsonDocument? Sort, BsonDocument? Projection, int Limit, int Skip);
