import { describe, expect, it } from "vitest";
import { addressProblem, codeProblem, isLoopbackHost } from "./serverAddress";

describe("server addresses", () => {
  it("takes https:// anywhere and plain http:// only to this computer", () => {
    for (const ok of ["https://frontdesk.example.com", "https://10.0.0.5:8787/", "http://127.0.0.1:8787", "http://127.8.9.10", "http://localhost:8787", "http://LOCALHOST", "http://[::1]:8787", " https://studio.lan "]) {
      expect(addressProblem(ok), ok).toBeNull();
    }
    for (const plain of ["http://frontdesk.example.com", "http://10.0.0.5:8787", "http://[::2]", "http://localhost.evil.example", "http://127.0.0.1.example.com"]) {
      expect(addressProblem(plain), plain).toBe("address.plainHttp");
    }
    for (const bad of ["frontdesk.example.com", "ftp://127.0.0.1", "https://user:pw@frontdesk.example.com"]) {
      expect(addressProblem(bad), bad).toBe("address.notUrl");
    }
    expect(addressProblem("  ")).toBe("address.empty");
  });

  it("knows the loopback hosts", () => {
    expect(isLoopbackHost("127.0.0.1")).toBe(true);
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(isLoopbackHost("192.168.1.2")).toBe(false);
  });

  it("reads a code however it was typed, and refuses none", () => {
    expect(codeProblem(" k7qm-2xrp 9f ")).toBeNull();
    expect(codeProblem(" - ")).toBe("enrol.codeEmpty");
  });
});
