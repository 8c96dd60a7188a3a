using System.Diagnostics;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace FastData.Orleans.Streaming.Kafka.Embedded;

/// <summary>
/// Function pointers into the librdkafka that Confluent.Kafka already loaded. We bind to that exact module (not to
/// a library resolved by name) because the package ships several variants and only the one Confluent.Kafka picked
/// is known to load on this host (the default one needs libsasl2.so.3).
/// </summary>
internal static unsafe class NativeMockCluster
{
    private static readonly Lazy<Exports> s_exports = new(Bind, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Exports Native => s_exports.Value;

    private static Exports Bind()
    {
        // Reading the version forces Confluent.Kafka to load its native library.
        _ = Library.Version;
        var path = FindLoadedModule()
            ?? throw new InvalidOperationException("librdkafka is not loaded in this process after Confluent.Kafka initialised; cannot host the embedded Kafka.");
        var handle = NativeLibrary.Load(path);
        return new Exports(handle, path);
    }

    private static string? FindLoadedModule()
    {
        using var process = Process.GetCurrentProcess();
        foreach (ProcessModule module in process.Modules)
        {
            var fileName = module.FileName;
            if (!string.IsNullOrEmpty(fileName) && Path.GetFileName(fileName).Contains("librdkafka", StringComparison.OrdinalIgnoreCase))
            {
                return fileName;
            }
        }

        return null;
    }

    internal sealed class Exports(nint library, string path)
    {
        public string LibraryPath { get; } = path;

        public readonly delegate* unmanaged[Cdecl]<nint> ConfNew = (delegate* unmanaged[Cdecl]<nint>)Get(library, "rd_kafka_conf_new");
        public readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nuint, int> ConfSet = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nuint, int>)Get(library, "rd_kafka_conf_set");
        public readonly delegate* unmanaged[Cdecl]<nint, void> ConfDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Get(library, "rd_kafka_conf_destroy");
        public readonly delegate* unmanaged[Cdecl]<int, nint, byte*, nuint, nint> New = (delegate* unmanaged[Cdecl]<int, nint, byte*, nuint, nint>)Get(library, "rd_kafka_new");
        public readonly delegate* unmanaged[Cdecl]<nint, void> Destroy = (delegate* unmanaged[Cdecl]<nint, void>)Get(library, "rd_kafka_destroy");
        public readonly delegate* unmanaged[Cdecl]<nint, int, nint> ClusterNew = (delegate* unmanaged[Cdecl]<nint, int, nint>)Get(library, "rd_kafka_mock_cluster_new");
        public readonly delegate* unmanaged[Cdecl]<nint, void> ClusterDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Get(library, "rd_kafka_mock_cluster_destroy");
        public readonly delegate* unmanaged[Cdecl]<nint, byte*> ClusterBootstraps = (delegate* unmanaged[Cdecl]<nint, byte*>)Get(library, "rd_kafka_mock_cluster_bootstraps");
        public readonly delegate* unmanaged[Cdecl]<nint, byte*, int, int, int> TopicCreate = (delegate* unmanaged[Cdecl]<nint, byte*, int, int, int>)Get(library, "rd_kafka_mock_topic_create");
        public readonly delegate* unmanaged[Cdecl]<nint, int, int> BrokerSetDown = (delegate* unmanaged[Cdecl]<nint, int, int>)Get(library, "rd_kafka_mock_broker_set_down");
        public readonly delegate* unmanaged[Cdecl]<nint, int, int> BrokerSetUp = (delegate* unmanaged[Cdecl]<nint, int, int>)Get(library, "rd_kafka_mock_broker_set_up");
        public readonly delegate* unmanaged[Cdecl]<int, byte*> ErrorToString = (delegate* unmanaged[Cdecl]<int, byte*>)Get(library, "rd_kafka_err2str");

        private static void* Get(nint library, string name) =>
            (void*)(NativeLibrary.TryGetExport(library, name, out var address)
                ? address
                : throw new EntryPointNotFoundException($"librdkafka does not export '{name}'; the embedded Kafka needs librdkafka 2.x with the mock cluster API."));
    }
}
