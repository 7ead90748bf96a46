/// The station whose bundle and journal seed the corpora (made by
/// `Fuzz/make-corpus`; its private key is not kept: the seeds are fixed).
enum FuzzFixture {
    static let peerKeyLine = "zhiban-station edd81b7afba30886 ed25519:3USHdqoIb8UDdV1v8gm3NfyGFG07ENOBMC+fFkeej6o= 泰州市应急管理局（模糊测试样本）"
}
