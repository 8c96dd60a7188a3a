using System.Diagnostics;
using System.Runtime;

namespace FastData.Bench;

/// <summary>
/// Waits, idle, until tiered compilation has optimised what the warm-up made hot: a server that has run for a while
/// does not compile any more, and a measured phase that starts while it still does pays for it (thousands of methods,
/// seconds of JIT time in the first measured seconds).
/// </summary>
internal static class JitSettling
{
    public static async Task WaitAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var before = JitInfo.GetCompiledMethodCount();
        var last = before;
        while (watch.Elapsed < timeout)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = JitInfo.GetCompiledMethodCount();
            if (now - last < 5)
            {
                Console.WriteLine($"JIT settled {watch.Elapsed.TotalSeconds:0.0} s after the warm-up ({now - before} methods compiled meanwhile)");
                return;
            }

            last = now;
        }

        Console.WriteLine($"JIT still compiling {timeout.TotalSeconds:0} s after the warm-up ({last - before} methods compiled meanwhile); measuring anyway");
    }
}
