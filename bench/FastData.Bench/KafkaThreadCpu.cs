using System.Globalization;

namespace FastData.Bench;

/// <summary>
/// CPU time of the process's librdkafka threads, from Linux's per-thread accounting (<c>/proc/self/task</c>): the
/// embedded broker (librdkafka's mock cluster, <c>rdk:mock</c>), which a deployment runs on other machines, and the
/// clients (the provider's consumer, the <c>sv-update</c> producer and the bench's own producer, <c>rdk:*</c> and the
/// provider's poll thread). Zero where <c>/proc</c> is not there.
/// </summary>
internal readonly record struct KafkaThreadCpu(TimeSpan Broker, TimeSpan Clients)
{
    // Linux reports thread times in clock ticks of 1/100 s (USER_HZ) on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static KafkaThreadCpu Take()
    {
        var broker = 0L;
        var clients = 0L;
        var tasks = new DirectoryInfo("/proc/self/task");
        if (!tasks.Exists)
        {
            return default;
        }

        foreach (var task in tasks.EnumerateDirectories())
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task.FullName, "comm")).Trim();
                var isBroker = name.StartsWith("rdk:mock", StringComparison.Ordinal);
                if (!isBroker && !name.StartsWith("rdk:", StringComparison.Ordinal) && !name.StartsWith("kafka-poll", StringComparison.Ordinal))
                {
                    continue;
                }

                // stat: "tid (comm) state ..." with utime and stime the 14th and 15th fields; comm may hold spaces.
                var stat = File.ReadAllText(Path.Combine(task.FullName, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                if (isBroker)
                {
                    broker += ticks;
                }
                else
                {
                    clients += ticks;
                }
            }
            catch (IOException)
            {
                // The thread ended while it was read.
            }
        }

        return new KafkaThreadCpu(TimeSpan.FromSeconds(broker / TicksPerSecond), TimeSpan.FromSeconds(clients / TicksPerSecond));
    }
}
