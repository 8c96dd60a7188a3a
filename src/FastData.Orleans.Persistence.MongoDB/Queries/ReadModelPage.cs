using MongoDB.Bson;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>One page of a read-model query.</summary>
/// <param name="Items">The documents, as stored (use <see cref="JsonBsonConverter.ToJson"/> for JSON).</param>
/// <param name="Limit">The effective page size after the cap.</param>
/// <param name="Skip">How many documents were skipped.</param>
public sealed record ReadModelPage(IReadOnlyList<BsonDocument> Items, int Limit, int Skip);
