using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>The default placement: one collection per grain type and state name, <c>_id</c> = the grain key.</summary>
public static class DefaultMongoDocumentLocator
{
    /// <summary>
    /// Returns <c>{prefix}{grain type}</c> for the default state name <c>state</c> and
    /// <c>{prefix}{grain type}_{state name}</c> otherwise; the <c>_id</c> is the grain key as a string.
    /// </summary>
    public static MongoDocumentKey Locate(string collectionPrefix, string stateName, GrainId grainId)
    {
        var type = grainId.Type.ToString()!;
        var collection = string.IsNullOrEmpty(stateName) || stateName == "state"
            ? collectionPrefix + type
            : $"{collectionPrefix}{type}_{stateName}";
        return new MongoDocumentKey(collection, grainId.Key.ToString()!);
    }
}
