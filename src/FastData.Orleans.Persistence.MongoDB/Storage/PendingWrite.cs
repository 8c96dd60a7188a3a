using MongoDB.Bson;
using MongoDB.Driver;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>One grain write waiting in the group committer; completes when MongoDB has acknowledged its part.</summary>
internal sealed class PendingWrite(IMongoCollection<BsonDocument> collection, string id, long? expectedVersion, long newVersion, BsonDocument document)
{
    public IMongoCollection<BsonDocument> Collection { get; } = collection;

    public string Id { get; } = id;

    /// <summary>The version the grain read; null when it believes no versioned document exists.</summary>
    public long? ExpectedVersion { get; } = expectedVersion;

    public long NewVersion { get; } = newVersion;

    public BsonDocument Document { get; } = document;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
