using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans.Storage;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// Group commit: writes queued within <see cref="MongoDBGrainStorageOptions.GroupCommitWindow"/> (or until the batch
/// is full) go to MongoDB as one unordered bulk write per collection. Every write is a compare-and-swap replace with
/// upsert, so each one's outcome is attributable by index: success, duplicate key (another version exists, or a
/// secondary unique key clashes), or an unexpected upsert (the document vanished). Each caller's task completes only
/// when MongoDB acknowledged its part, and fails alone when its part failed.
/// </summary>
internal sealed partial class MongoGroupCommitter : IAsyncDisposable
{
    private const int DuplicateKeyCode = 11000;
    private static readonly BulkWriteOptions Unordered = new() { IsOrdered = false };

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly string _versionField;
    private readonly TimeSpan _window;
    private readonly int _maxBatchSize;
    private readonly SemaphoreSlim _inFlight;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly int _maxConcurrentBatches;

    public MongoGroupCommitter(MongoDBGrainStorageOptions options, ILogger logger)
    {
        _versionField = options.VersionFieldName;
        _window = options.GroupCommitWindow;
        _maxBatchSize = options.GroupCommitMaxBatchSize;
        _maxConcurrentBatches = options.GroupCommitMaxConcurrentBatches;
        _inFlight = new SemaphoreSlim(_maxConcurrentBatches);
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a write; the task completes when MongoDB acknowledged it, or fails with this write's own error.</summary>
    public Task WriteAsync(PendingWrite write)
    {
        if (!_queue.Writer.TryWrite(write))
        {
            return Task.FromException(new MongoDBStorageException("The MongoDB grain storage is shutting down; the write was not sent."));
        }

        return write.Completion.Task;
    }

    internal static BsonDocument CasFilter(string versionField, string id, long? expectedVersion)
        => expectedVersion is { } version
            ? new BsonDocument { { "_id", id }, { versionField, version } }
            // No versioned document is expected: match only a document without a version (adopting a document written
            // by someone else), so that an existing versioned one makes the upsert collide on _id.
            : new BsonDocument { { "_id", id }, { versionField, new BsonDocument("$exists", false) } };

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var batch = new List<PendingWrite>(Math.Min(_maxBatchSize, 1024));
                Drain(reader, batch);
                if (batch.Count == 0)
                {
                    continue;
                }

                if (batch.Count < _maxBatchSize && _window > TimeSpan.Zero)
                {
                    await CollectForWindowAsync(reader, batch).ConfigureAwait(false);
                }

                await _inFlight.WaitAsync().ConfigureAwait(false);
                // Writes that queued while every slot was busy ride along (natural group commit under load).
                Drain(reader, batch);
                _ = FlushAndReleaseAsync(batch);
            }
        }
        catch (Exception ex)
        {
            // Only a bug reaches here; fail what is queued rather than leave callers waiting forever.
            LogErrorCommitLoopFailed(ex);
            while (reader.TryRead(out var write))
            {
                write.Completion.TrySetException(new MongoDBStorageException("The MongoDB group committer stopped.", ex));
            }
        }
    }

    private void Drain(ChannelReader<PendingWrite> reader, List<PendingWrite> batch)
    {
        while (batch.Count < _maxBatchSize && reader.TryRead(out var write))
        {
            batch.Add(write);
        }
    }

    private async Task CollectForWindowAsync(ChannelReader<PendingWrite> reader, List<PendingWrite> batch)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(_window.TotalSeconds * Stopwatch.Frequency);
        while (batch.Count < _maxBatchSize)
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            var more = reader.WaitToReadAsync().AsTask();
            if (await Task.WhenAny(more, Task.Delay(remaining)).ConfigureAwait(false) != more || !await more.ConfigureAwait(false))
            {
                return;
            }

            Drain(reader, batch);
        }
    }

    private async Task FlushAndReleaseAsync(List<PendingWrite> batch)
    {
        try
        {
            var byCollection = batch.GroupBy(w => w.Collection.CollectionNamespace.FullName, StringComparer.Ordinal);
            await Task.WhenAll(byCollection.Select(g => FlushCollectionAsync(g.ToList()))).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogErrorCommitLoopFailed(ex);
            foreach (var write in batch)
            {
                write.Completion.TrySetException(new MongoDBStorageException("The MongoDB group commit failed unexpectedly.", ex));
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task FlushCollectionAsync(List<PendingWrite> writes)
    {
        var collection = writes[0].Collection;
        var models = new List<WriteModel<BsonDocument>>(writes.Count);
        foreach (var write in writes)
        {
            models.Add(new ReplaceOneModel<BsonDocument>(CasFilter(_versionField, write.Id, write.ExpectedVersion), write.Document) { IsUpsert = true });
        }

        IReadOnlyList<BulkWriteUpsert> upserts;
        IReadOnlyList<BulkWriteError> errors = [];
        WriteConcernError? writeConcernError = null;
        MongoDBStorageMetrics.BatchSize.Record(writes.Count);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await collection.BulkWriteAsync(models, Unordered, _stopping.Token).ConfigureAwait(false);
            upserts = result.IsAcknowledged ? result.Upserts : [];
        }
        catch (MongoBulkWriteException<BsonDocument> ex)
        {
            upserts = ex.Result is { IsAcknowledged: true } partial ? partial.Upserts : [];
            errors = ex.WriteErrors;
            writeConcernError = ex.WriteConcernError;
        }
        catch (Exception ex)
        {
            MongoDBStorageMetrics.Failures.Add(writes.Count);
            LogWarningBulkWriteFailed(ex, collection.CollectionNamespace.CollectionName, writes.Count);
            foreach (var write in writes)
            {
                write.Completion.TrySetException(ex);
            }

            return;
        }

        MongoDBStorageMetrics.BulkWriteDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        LogTraceBulkWritten(collection.CollectionNamespace.CollectionName, writes.Count, errors.Count);

        var outcome = new Exception?[writes.Count];
        var duplicates = new List<int>();
        foreach (var error in errors)
        {
            if (error.Code == DuplicateKeyCode)
            {
                duplicates.Add(error.Index);
            }
            else
            {
                outcome[error.Index] = new MongoDBStorageException(
                    $"MongoDB rejected the write of document '{writes[error.Index].Id}' in '{collection.CollectionNamespace.CollectionName}' (code {error.Code}, {error.Category}): {error.Message}");
            }
        }

        var vanished = new List<int>();
        foreach (var upsert in upserts)
        {
            if (writes[upsert.Index].ExpectedVersion is not null)
            {
                // The grain held a version, but no document matched: it was deleted meanwhile. Undo the insert.
                vanished.Add(upsert.Index);
            }
        }

        if (duplicates.Count > 0)
        {
            await AttributeDuplicatesAsync(collection, writes, duplicates, outcome).ConfigureAwait(false);
        }

        if (vanished.Count > 0)
        {
            await UndoUnexpectedInsertsAsync(collection, writes, vanished, outcome).ConfigureAwait(false);
        }

        for (var i = 0; i < writes.Count; i++)
        {
            if (outcome[i] is { } failure)
            {
                (failure is InconsistentStateException ? MongoDBStorageMetrics.Conflicts : MongoDBStorageMetrics.Failures).Add(1);
                writes[i].Completion.TrySetException(failure);
            }
            else if (writeConcernError is not null)
            {
                MongoDBStorageMetrics.Failures.Add(1);
                writes[i].Completion.TrySetException(new MongoDBStorageException(
                    $"MongoDB did not acknowledge the write of '{writes[i].Id}' at the requested write concern (code {writeConcernError.Code})."));
            }
            else
            {
                MongoDBStorageMetrics.Writes.Add(1);
                writes[i].Completion.TrySetResult();
            }
        }
    }

    /// <summary>
    /// A duplicate key is an ETag conflict when the stored version differs from the expected one; when it matches
    /// (or no document exists although one was expected to clash), another unique index was violated.
    /// </summary>
    private async Task AttributeDuplicatesAsync(IMongoCollection<BsonDocument> collection, List<PendingWrite> writes, List<int> indexes, Exception?[] outcome)
    {
        Dictionary<string, BsonValue> current;
        try
        {
            var ids = new BsonArray(indexes.Select(i => writes[i].Id).Distinct(StringComparer.Ordinal));
            var found = await collection
                .Find(new BsonDocument("_id", new BsonDocument("$in", ids)))
                .Project(new BsonDocument(_versionField, 1))
                .ToListAsync(_stopping.Token)
                .ConfigureAwait(false);
            current = found.ToDictionary(d => d["_id"].AsString, d => d.GetValue(_versionField, BsonNull.Value), StringComparer.Ordinal);
        }
        catch (Exception ex)
        {
            foreach (var i in indexes)
            {
                outcome[i] = new MongoDBStorageException($"Duplicate key on '{writes[i].Id}', and the follow-up read failed.", ex);
            }

            return;
        }

        foreach (var i in indexes)
        {
            var write = writes[i];
            var exists = current.TryGetValue(write.Id, out var stored);
            var storedVersion = exists && stored!.IsNumeric ? stored.ToInt64() : (long?)null;
            var isConflict = write.ExpectedVersion is null ? exists && storedVersion is not null : storedVersion != write.ExpectedVersion;
            outcome[i] = isConflict
                ? MongoDBGrainStorage.Conflict("write", collection.CollectionNamespace.CollectionName, write.Id, write.ExpectedVersion, storedVersion)
                : new MongoDBStorageException(
                    $"The write of '{write.Id}' in '{collection.CollectionNamespace.CollectionName}' violates a unique index other than _id.");
        }
    }

    private async Task UndoUnexpectedInsertsAsync(IMongoCollection<BsonDocument> collection, List<PendingWrite> writes, List<int> indexes, Exception?[] outcome)
    {
        var deletes = indexes
            .Select(i => new DeleteOneModel<BsonDocument>(new BsonDocument { { "_id", writes[i].Id }, { _versionField, writes[i].NewVersion } }))
            .ToList();
        try
        {
            await collection.BulkWriteAsync(deletes, Unordered, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogWarningUndoFailed(ex, collection.CollectionNamespace.CollectionName, indexes.Count);
        }

        foreach (var i in indexes)
        {
            outcome[i] = MongoDBGrainStorage.Conflict("write", collection.CollectionNamespace.CollectionName, writes[i].Id, writes[i].ExpectedVersion, stored: null);
        }
    }

    /// <summary>Stops accepting writes, sends what is queued, and waits for every bulk write in flight.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_queue.Writer.TryComplete())
        {
            return;
        }

        await _loop.ConfigureAwait(false);
        // Holding every slot means no bulk write is in flight any more.
        for (var i = 0; i < _maxConcurrentBatches; i++)
        {
            await _inFlight.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }

        _stopping.Cancel();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Trace, Message = "Group commit sent {Count} writes to {Collection} in one bulk write; {Errors} failed")]
    private partial void LogTraceBulkWritten(string collection, int count, int errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group commit bulk write of {Count} writes to {Collection} failed as a whole")]
    private partial void LogWarningBulkWriteFailed(Exception exception, string collection, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove {Count} documents re-created in {Collection} by writes whose document had been deleted")]
    private partial void LogWarningUndoFailed(Exception exception, string collection, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The MongoDB group committer failed")]
    private partial void LogErrorCommitLoopFailed(Exception exception);
}
