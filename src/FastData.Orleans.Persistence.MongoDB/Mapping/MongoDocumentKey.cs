namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>Where a grain's state lives: a collection and the document's <c>_id</c> in it.</summary>
/// <param name="CollectionName">The collection, e.g. the projection's name.</param>
/// <param name="Id">The document's <c>_id</c>, e.g. the record's primary key.</param>
public readonly record struct MongoDocumentKey(string CollectionName, string Id);
