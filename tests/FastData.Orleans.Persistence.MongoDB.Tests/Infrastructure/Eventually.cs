using System.Diagnostics;

namespace FastData.Orleans.Persistence.MongoDB.Tests;

/// <summary>Waits for an observed condition, failing with a message that says what was awaited.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string awaited)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for {awaited}.");
            }

            // Poll interval between observations of the condition, not a synchronisation point.
            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }
    }
}
