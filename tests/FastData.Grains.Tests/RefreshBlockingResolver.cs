using System.Text.Json.Nodes;
using FastData.Grains.Storage;
using FastData.Model.Aggregation;

namespace FastData.Grains.Tests;

/// <summary>
/// The projection resolver of <see cref="RefreshClusterFixture"/>: the record store, except that reads of one
/// armed record are counted and held until the test releases them, so a test can keep an aggregation running.
/// </summary>
public sealed class RefreshBlockingResolver(IRecordStore store) : IProjectionResolver
{
    private readonly Lock _lock = new();
    private (string Projection, string Key)? _armed;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _firstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reads;

    /// <summary>Reads of the armed record since <see cref="Arm"/>.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Completes when the first read of the armed record is being held.</summary>
    public Task FirstHeld => _firstHeld.Task;

    public void Arm(string projection, string key)
    {
        lock (_lock)
        {
            _armed = (projection, key);
            _reads = 0;
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _firstHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release() => _release.TrySetResult();

    public void Disarm()
    {
        lock (_lock)
        {
            _armed = null;
        }

        _release.TrySetResult();
    }

    public async ValueTask<JsonObject?> GetAsync(string projection, string key, CancellationToken cancellationToken)
    {
        Task? hold = null;
        lock (_lock)
        {
            if (_armed == (projection, key))
            {
                Interlocked.Increment(ref _reads);
                hold = _release.Task;
                _firstHeld.TrySetResult();
            }
        }

        if (hold is not null)
        {
            await hold.WaitAsync(cancellationToken);
        }

        return await store.GetAsync(projection, key, cancellationToken);
    }

    public ValueTask<IReadOnlyList<JsonObject>> FindAsync(string projection, RecordFilter filter, CancellationToken cancellationToken) =>
        store.FindAsync(projection, filter, cancellationToken);
}
