using System.Diagnostics;

namespace FastData.Grains.Tests;

/// <summary>Waits for an observed condition, failing with what was awaited when it does not come in time.</summary>
internal static class RefreshWait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string awaited)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout} waiting for {awaited}.");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
