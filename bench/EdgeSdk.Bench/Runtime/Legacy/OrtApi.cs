// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// The slice of ONNX Runtime's C API table (OrtApi) the engine uses, as typed unmanaged function pointers
// read by slot number from the table GetApi(30) returns. Slot numbers come from the ORT 1.30 header
// (docs: /work/shared/reference/ort-c-api.md, section 4); new functions are only ever appended there, so a
// slot never moves. Handles are plain nint; ownership is handled by OrtHandles and InferenceSession.
namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Typed function pointers into ORT's <c>OrtApi</c> table (all return an <c>OrtStatus*</c> unless noted).</summary>
internal sealed unsafe class OrtApi
{
    /// <summary>The API version requested from <c>OrtApiBase::GetApi</c>.</summary>
    public const uint Version = 30;

    public OrtApi(nint table)
    {
        var slots = (nint*)table;
        GetErrorCode = (delegate* unmanaged<nint, int>)slots[1];
        GetErrorMessage = (delegate* unmanaged<nint, byte*>)slots[2];
        CreateEnv = (delegate* unmanaged<int, byte*, nint*, nint>)slots[3];
        CreateSession = (delegate* unmanaged<nint, byte*, nint, nint*, nint>)slots[7];
        CreateSessionFromArray = (delegate* unmanaged<nint, void*, nuint, nint, nint*, nint>)slots[8];
        Run = (delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)slots[9];
        CreateSessionOptions = (delegate* unmanaged<nint*, nint>)slots[10];
        SetOptimizedModelFilePath = (delegate* unmanaged<nint, byte*, nint>)slots[11];
        SetSessionExecutionMode = (delegate* unmanaged<nint, int, nint>)slots[13];
        EnableProfiling = (delegate* unmanaged<nint, byte*, nint>)slots[14];
        SetSessionLogSeverityLevel = (delegate* unmanaged<nint, int, nint>)slots[22];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<nint, int, nint>)slots[23];
        SetIntraOpNumThreads = (delegate* unmanaged<nint, int, nint>)slots[24];
        SetInterOpNumThreads = (delegate* unmanaged<nint, int, nint>)slots[25];
        SessionGetInputCount = (delegate* unmanaged<nint, nuint*, nint>)slots[30];
        SessionGetOutputCount = (delegate* unmanaged<nint, nuint*, nint>)slots[31];
        SessionGetInputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)slots[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)slots[34];
        SessionGetInputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)slots[36];
        SessionGetOutputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)slots[37];
        CreateRunOptions = (delegate* unmanaged<nint*, nint>)slots[39];
        RunOptionsSetTerminate = (delegate* unmanaged<nint, nint>)slots[46];
        RunOptionsUnsetTerminate = (delegate* unmanaged<nint, nint>)slots[47];
        CreateTensorAsOrtValue = (delegate* unmanaged<nint, long*, nuint, int, nint*, nint>)slots[48];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)slots[49];
        IsTensor = (delegate* unmanaged<nint, int*, nint>)slots[50];
        GetTensorMutableData = (delegate* unmanaged<nint, void**, nint>)slots[51];
        FillStringTensor = (delegate* unmanaged<nint, byte**, nuint, nint>)slots[52];
        GetStringTensorDataLength = (delegate* unmanaged<nint, nuint*, nint>)slots[53];
        GetStringTensorContent = (delegate* unmanaged<nint, void*, nuint, nuint*, nuint, nint>)slots[54];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<nint, nint*, nint>)slots[55];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged<nint, int*, nint>)slots[56];
        GetTensorElementType = (delegate* unmanaged<nint, int*, nint>)slots[60];
        GetDimensionsCount = (delegate* unmanaged<nint, nuint*, nint>)slots[61];
        GetDimensions = (delegate* unmanaged<nint, long*, nuint, nint>)slots[62];
        GetSymbolicDimensions = (delegate* unmanaged<nint, byte**, nuint, nint>)slots[63];
        GetTensorTypeAndShape = (delegate* unmanaged<nint, nint*, nint>)slots[65];
        GetTypeInfo = (delegate* unmanaged<nint, nint*, nint>)slots[66];
        GetValueType = (delegate* unmanaged<nint, int*, nint>)slots[67];
        CreateCpuMemoryInfo = (delegate* unmanaged<int, int, nint*, nint>)slots[69];
        AllocatorFree = (delegate* unmanaged<nint, void*, nint>)slots[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<nint*, nint>)slots[78];
        AddFreeDimensionOverrideByName = (delegate* unmanaged<nint, byte*, long, nint>)slots[124];
        GetValue = (delegate* unmanaged<nint, int, nint, nint*, nint>)slots[80];
        GetValueCount = (delegate* unmanaged<nint, nuint*, nint>)slots[81];
        CreateValue = (delegate* unmanaged<nint*, nuint, int, nint*, nint>)slots[82];
        ReleaseEnv = (delegate* unmanaged<nint, void>)slots[92];
        ReleaseStatus = (delegate* unmanaged<nint, void>)slots[93];
        ReleaseMemoryInfo = (delegate* unmanaged<nint, void>)slots[94];
        ReleaseSession = (delegate* unmanaged<nint, void>)slots[95];
        ReleaseValue = (delegate* unmanaged<nint, void>)slots[96];
        ReleaseRunOptions = (delegate* unmanaged<nint, void>)slots[97];
        ReleaseTypeInfo = (delegate* unmanaged<nint, void>)slots[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<nint, void>)slots[99];
        ReleaseSessionOptions = (delegate* unmanaged<nint, void>)slots[100];
        CastTypeInfoToSequenceTypeInfo = (delegate* unmanaged<nint, nint*, nint>)slots[104];
        GetSequenceElementType = (delegate* unmanaged<nint, nint*, nint>)slots[107];
        SessionEndProfiling = (delegate* unmanaged<nint, nint, byte**, nint>)slots[110];
        GetAvailableProviders = (delegate* unmanaged<byte***, int*, nint>)slots[125];
        ReleaseAvailableProviders = (delegate* unmanaged<byte**, int, nint>)slots[126];
        AddSessionConfigEntry = (delegate* unmanaged<nint, byte*, byte*, nint>)slots[130];
        AddRunConfigEntry = (delegate* unmanaged<nint, byte*, byte*, nint>)slots[165];
        HasValue = (delegate* unmanaged<nint, int*, nint>)slots[192];
        CastTypeInfoToOptionalTypeInfo = (delegate* unmanaged<nint, nint*, nint>)slots[250];
        GetOptionalContainedTypeInfo = (delegate* unmanaged<nint, nint*, nint>)slots[251];
        GetBuildInfoString = (delegate* unmanaged<byte*>)slots[254];
        GetTensorSizeInBytes = (delegate* unmanaged<nint, nuint*, nint>)slots[318];
    }

    public delegate* unmanaged<nint, int> GetErrorCode { get; }
    public delegate* unmanaged<nint, byte*> GetErrorMessage { get; }
    public delegate* unmanaged<int, byte*, nint*, nint> CreateEnv { get; }
    public delegate* unmanaged<nint, byte*, nint, nint*, nint> CreateSession { get; }
    public delegate* unmanaged<nint, void*, nuint, nint, nint*, nint> CreateSessionFromArray { get; }
    public delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint> Run { get; }

    /// <summary>Releases an owned OrtValue (callable from code that is not unsafe).</summary>
    public void ReleaseOwnedValue(nint value) => ReleaseValue(value);
    public delegate* unmanaged<nint*, nint> CreateSessionOptions { get; }
    public delegate* unmanaged<nint, byte*, nint> SetOptimizedModelFilePath { get; }
    public delegate* unmanaged<nint, int, nint> SetSessionExecutionMode { get; }
    public delegate* unmanaged<nint, byte*, nint> EnableProfiling { get; }
    public delegate* unmanaged<nint, int, nint> SetSessionLogSeverityLevel { get; }
    public delegate* unmanaged<nint, int, nint> SetSessionGraphOptimizationLevel { get; }
    public delegate* unmanaged<nint, int, nint> SetIntraOpNumThreads { get; }
    public delegate* unmanaged<nint, int, nint> SetInterOpNumThreads { get; }
    public delegate* unmanaged<nint, nuint*, nint> SessionGetInputCount { get; }
    public delegate* unmanaged<nint, nuint*, nint> SessionGetOutputCount { get; }
    public delegate* unmanaged<nint, nuint, nint*, nint> SessionGetInputTypeInfo { get; }
    public delegate* unmanaged<nint, nuint, nint*, nint> SessionGetOutputTypeInfo { get; }
    public delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetInputName { get; }
    public delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetOutputName { get; }
    public delegate* unmanaged<nint*, nint> CreateRunOptions { get; }
    public delegate* unmanaged<nint, nint> RunOptionsSetTerminate { get; }
    public delegate* unmanaged<nint, nint> RunOptionsUnsetTerminate { get; }
    public delegate* unmanaged<nint, long*, nuint, int, nint*, nint> CreateTensorAsOrtValue { get; }
    public delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue { get; }
    public delegate* unmanaged<nint, int*, nint> IsTensor { get; }
    public delegate* unmanaged<nint, void**, nint> GetTensorMutableData { get; }
    public delegate* unmanaged<nint, byte**, nuint, nint> FillStringTensor { get; }
    public delegate* unmanaged<nint, nuint*, nint> GetStringTensorDataLength { get; }
    public delegate* unmanaged<nint, void*, nuint, nuint*, nuint, nint> GetStringTensorContent { get; }
    public delegate* unmanaged<nint, nint*, nint> CastTypeInfoToTensorInfo { get; }
    public delegate* unmanaged<nint, int*, nint> GetOnnxTypeFromTypeInfo { get; }
    public delegate* unmanaged<nint, int*, nint> GetTensorElementType { get; }
    public delegate* unmanaged<nint, nuint*, nint> GetDimensionsCount { get; }
    public delegate* unmanaged<nint, long*, nuint, nint> GetDimensions { get; }
    public delegate* unmanaged<nint, byte**, nuint, nint> GetSymbolicDimensions { get; }
    public delegate* unmanaged<nint, nint*, nint> GetTensorTypeAndShape { get; }
    public delegate* unmanaged<nint, nint*, nint> GetTypeInfo { get; }
    public delegate* unmanaged<nint, int*, nint> GetValueType { get; }
    public delegate* unmanaged<int, int, nint*, nint> CreateCpuMemoryInfo { get; }
    public delegate* unmanaged<nint, void*, nint> AllocatorFree { get; }
    public delegate* unmanaged<nint*, nint> GetAllocatorWithDefaultOptions { get; }
    public delegate* unmanaged<nint, byte*, long, nint> AddFreeDimensionOverrideByName { get; }
    public delegate* unmanaged<nint, int, nint, nint*, nint> GetValue { get; }
    public delegate* unmanaged<nint, nuint*, nint> GetValueCount { get; }
    public delegate* unmanaged<nint*, nuint, int, nint*, nint> CreateValue { get; }
    public delegate* unmanaged<nint, void> ReleaseEnv { get; }
    public delegate* unmanaged<nint, void> ReleaseStatus { get; }
    public delegate* unmanaged<nint, void> ReleaseMemoryInfo { get; }
    public delegate* unmanaged<nint, void> ReleaseSession { get; }
    public delegate* unmanaged<nint, void> ReleaseValue { get; }
    public delegate* unmanaged<nint, void> ReleaseRunOptions { get; }
    public delegate* unmanaged<nint, void> ReleaseTypeInfo { get; }
    public delegate* unmanaged<nint, void> ReleaseTensorTypeAndShapeInfo { get; }
    public delegate* unmanaged<nint, void> ReleaseSessionOptions { get; }
    public delegate* unmanaged<nint, nint*, nint> CastTypeInfoToSequenceTypeInfo { get; }
    public delegate* unmanaged<nint, nint*, nint> GetSequenceElementType { get; }
    public delegate* unmanaged<nint, nint, byte**, nint> SessionEndProfiling { get; }
    public delegate* unmanaged<byte***, int*, nint> GetAvailableProviders { get; }
    public delegate* unmanaged<byte**, int, nint> ReleaseAvailableProviders { get; }
    public delegate* unmanaged<nint, byte*, byte*, nint> AddSessionConfigEntry { get; }
    public delegate* unmanaged<nint, byte*, byte*, nint> AddRunConfigEntry { get; }
    public delegate* unmanaged<nint, int*, nint> HasValue { get; }
    public delegate* unmanaged<nint, nint*, nint> CastTypeInfoToOptionalTypeInfo { get; }
    public delegate* unmanaged<nint, nint*, nint> GetOptionalContainedTypeInfo { get; }
    public delegate* unmanaged<byte*> GetBuildInfoString { get; }
    public delegate* unmanaged<nint, nuint*, nint> GetTensorSizeInBytes { get; }
}
