using System.Text.Json.Nodes;
using FastData.Grains.Storage;
using FastData.Model.Aggregation;

namespace FastData.Grains.Tests;

/// <summary>The record store of <see cref="ProjectionFailureTests"/>: the in-memory store, except for what a test arms, as a
/// storage outage would: the next write of one document fails (before or after storage took it), every write of a
/// broken one, or the next queries of a projection.</summary>
public sealed class FailingRecordStore(InMemoryRecordStore inner) : IRecordStore
{
    private readonly Lock _lock = new();
    private (string Collection, string Key)? _armed;
    private (string Collection, string Key)? _broken;
    private (string Collection, string Key)? _storedThenFailed;
    private string? _failingFinds;
    private int _findsToFail;

    /// <summary>The next write of the document reaches storage, then reports a failure (a timeout after the fact).</summary>
    public void StoreThenFailNextWrite(string collection, string key)
    {
        lock (_lock)
        {
            _storedThenFailed = (collection, key);
        }
    }

    /// <summary>The next <paramref name="times"/> queries of <paramref name="projection"/> fail.</summary>
    public void FailFinds(string projection, int times)
    {
        lock (_lock)
        {
            (_failingFinds, _findsToFail) = (projection, times);
        }
    }

    public void FailNextWrite(string collection, string key)
    {
        lock (_lock)
        {
            _armed = (collection, key);
        }
    }

    /// <summary>Fails every write of the document until <see cref="Repair"/>.</summary>
    public void FailEveryWrite(string collection, string key)
    {
        lock (_lock)
        {
            _broken = (collection, key);
        }
    }

    public void Repair()
    {
        lock (_lock)
        {
            _broken = null;
        }
    }

    public async ValueTask<long> WriteAsync(string collection, string key, JsonObject document, long expectedVersion, CancellationToken cancellationToken)
    {
        FailIfArmed(collection, key);
        var version = await inner.WriteAsync(collection, key, document, expectedVersion, cancellationToken);
        lock (_lock)
        {
            if (_storedThenFailed == (collection, key))
            {
                _storedThenFailed = null;
                throw new TimeoutException($"Simulated timeout after storing {collection}/{key}.");
            }
        }

        return version;
    }

    public ValueTask<long> WriteAsync(string collection, string key, ReadOnlyMemory<byte> utf8Document, long expectedVersion, CancellationToken cancellationToken)
    {
        FailIfArmed(collection, key);
        return inner.WriteAsync(collection, key, utf8Document, expectedVersion, cancellationToken);
    }

    public ValueTask<VersionedDocument?> ReadAsync(string collection, string key, CancellationToken cancellationToken) => inner.ReadAsync(collection, key, cancellationToken);

    public ValueTask DeleteAsync(string collection, string key, long expectedVersion, CancellationToken cancellationToken) =>
        inner.DeleteAsync(collection, key, expectedVersion, cancellationToken);

    public ValueTask EnsureIndexAsync(string collection, string field, CancellationToken cancellationToken) => inner.EnsureIndexAsync(collection, field, cancellationToken);

    public IAsyncEnumerable<string> KeysAsync(string collection, CancellationToken cancellationToken) => inner.KeysAsync(collection, cancellationToken);

    public ValueTask<JsonObject?> GetAsync(string projection, string key, CancellationToken cancellationToken) => inner.GetAsync(projection, key, cancellationToken);

    public ValueTask<IReadOnlyList<JsonObject>> FindAsync(string projection, RecordFilter filter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_failingFinds == projection && _findsToFail > 0)
            {
                _findsToFail--;
                throw new IOException($"Simulated storage outage querying {projection}.");
            }
        }

        return inner.FindAsync(projection, filter, cancellationToken);
    }

    public ValueTask<IReadOnlyDictionary<string, JsonObject>> GetManyAsync(string projection, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        ((IProjectionResolver)inner).GetManyAsync(projection, keys, cancellationToken);

    private void FailIfArmed(string collection, string key)
    {
        lock (_lock)
        {
            if (_broken != (collection, key) && _armed != (collection, key))
            {
                return;
            }

            if (_armed == (collection, key))
            {
                _armed = null;
            }
        }

        throw new IOException($"Simulated storage outage writing {collection}/{key}.");
    }
}
