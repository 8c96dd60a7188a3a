using System.Runtime.InteropServices;
using System.Text;

namespace FastData.Orleans.Streaming.Kafka.Embedded;

/// <summary>
/// An in-process Kafka cluster: librdkafka's mock cluster, reachable by any Kafka client at <see cref="BootstrapServers"/>.
/// </summary>
/// <remarks>
/// The mock cluster keeps at most about 5 MiB per partition and silently drops older records; consume as you go or use
/// many partitions. Topics must be created through <see cref="CreateTopic"/> (admin CreateTopics is not supported).
/// Brokers are numbered from 1 to <see cref="BrokerCount"/>.
/// </remarks>
public sealed unsafe class EmbeddedKafka : IAsyncDisposable, IDisposable
{
    private readonly object _gate = new();
    private nint _handle;
    private nint _cluster;

    private EmbeddedKafka(nint handle, nint cluster, int brokerCount, string bootstrapServers)
    {
        _handle = handle;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>The comma-separated 127.0.0.1 listener addresses of the brokers, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>The number of brokers in the cluster.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a mock cluster with <paramref name="brokerCount"/> brokers listening on random loopback ports.</summary>
    public static EmbeddedKafka Start(int brokerCount = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        var native = NativeMockCluster.Native;
        var errorText = stackalloc byte[512];
        var conf = native.ConfNew();
        SetConf(native, conf, "client.id", "fastdata-embedded-kafka");
        // The handle only hosts the cluster and never connects: without this it logs a notice about bootstrap.servers.
        SetConf(native, conf, "log_level", "4");
        // rd_kafka_new takes ownership of conf on success only.
        var handle = native.New(0 /* RD_KAFKA_PRODUCER */, conf, errorText, 512);
        if (handle == 0)
        {
            native.ConfDestroy(conf);
            throw new InvalidOperationException($"Embedded Kafka: rd_kafka_new failed: {Marshal.PtrToStringUTF8((nint)errorText)}");
        }

        var cluster = native.ClusterNew(handle, brokerCount);
        if (cluster == 0)
        {
            native.Destroy(handle);
            throw new InvalidOperationException("Embedded Kafka: rd_kafka_mock_cluster_new returned no cluster.");
        }

        var bootstraps = Marshal.PtrToStringUTF8((nint)native.ClusterBootstraps(cluster))!;
        return new EmbeddedKafka(handle, cluster, brokerCount, bootstraps);
    }

    /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions.</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        var name = Encoding.UTF8.GetBytes(topic + "\0");
        lock (_gate)
        {
            var cluster = LiveCluster();
            fixed (byte* namePtr = name)
            {
                Check(NativeMockCluster.Native.TopicCreate(cluster, namePtr, partitions, Math.Min(replicationFactor, BrokerCount)), $"create topic '{topic}'");
            }
        }
    }

    /// <summary>Takes broker <paramref name="brokerId"/> (1-based) down: its connections are closed and it refuses new ones.</summary>
    public void SetBrokerDown(int brokerId) => ChangeBroker(brokerId, down: true);

    /// <summary>Brings broker <paramref name="brokerId"/> (1-based) back up.</summary>
    public void SetBrokerUp(int brokerId) => ChangeBroker(brokerId, down: false);

    /// <summary>Takes every broker down.</summary>
    public void SetAllBrokersDown()
    {
        for (var id = 1; id <= BrokerCount; id++)
        {
            SetBrokerDown(id);
        }
    }

    /// <summary>Brings every broker back up.</summary>
    public void SetAllBrokersUp()
    {
        for (var id = 1; id <= BrokerCount; id++)
        {
            SetBrokerUp(id);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster != 0)
            {
                NativeMockCluster.Native.ClusterDestroy(_cluster);
                _cluster = 0;
            }

            if (_handle != 0)
            {
                NativeMockCluster.Native.Destroy(_handle);
                _handle = 0;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        // Destroying the cluster joins its broker threads; keep that off the caller's thread.
        return new ValueTask(Task.Run(Dispose));
    }

    private void ChangeBroker(int brokerId, bool down)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerId, BrokerCount);
        lock (_gate)
        {
            var cluster = LiveCluster();
            var native = NativeMockCluster.Native;
            Check(down ? native.BrokerSetDown(cluster, brokerId) : native.BrokerSetUp(cluster, brokerId), $"set broker {brokerId} {(down ? "down" : "up")}");
        }
    }

    private nint LiveCluster()
    {
        ObjectDisposedException.ThrowIf(_cluster == 0, this);
        return _cluster;
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            var text = Marshal.PtrToStringUTF8((nint)NativeMockCluster.Native.ErrorToString(error));
            throw new InvalidOperationException($"Embedded Kafka: could not {what}: {text} (error {error}).");
        }
    }

    private static void SetConf(NativeMockCluster.Exports native, nint conf, string name, string value)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var valueBytes = Encoding.UTF8.GetBytes(value + "\0");
        var errorText = stackalloc byte[512];
        fixed (byte* n = nameBytes, v = valueBytes)
        {
            if (native.ConfSet(conf, n, v, errorText, 512) != 0 /* RD_KAFKA_CONF_OK */)
            {
                throw new InvalidOperationException($"Embedded Kafka: setting '{name}' failed: {Marshal.PtrToStringUTF8((nint)errorText)}");
            }
        }
    }
}
