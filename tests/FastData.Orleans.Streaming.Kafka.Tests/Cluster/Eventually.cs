namespace FastData.Orleans.Streaming.Kafka.Tests.Cluster;

/// <summary>Waits for an observed condition, failing with what was awaited when it does not come in time.</summary>
public static class Eventually
{
    /// <summary>Waits for <paramref name="condition"/> up to <paramref name="timeout"/>; returns whether it came.</summary>
    public static async Task<bool> TryWaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }

        return true;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what()}");
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }
}
