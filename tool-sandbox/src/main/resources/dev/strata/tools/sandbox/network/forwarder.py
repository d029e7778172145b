# The in-sandbox half of a tool's network allow-list (see NetworkPlan / HostRelay).
# argv: LISTEN_IP:PORT:UNIX_SOCKET_PATH ...
# Binds every listener on the sandbox's own loopback, then forks: the parent prints the child's pid and exits 0
# (so the wrapper knows every listener is up before the tool starts), the child relays each accepted TCP
# connection to its Unix socket, where the JVM connects it to the one allowed host:port. Single-threaded and
# non-blocking, with a bounded number of connections and bounded buffers, so a tool cannot make it grow.
import os
import selectors
import socket
import sys

MAX_CONNECTIONS = 64
CHUNK = 65536
R, W = selectors.EVENT_READ, selectors.EVENT_WRITE


class Relay:
    def __init__(self, sel, a, b, live):
        self.sel, self.socks, self.live = sel, (a, b), live
        self.pending = {a: b'', b: b''}   # bytes waiting to be written to that socket
        self.eof = {a: False, b: False}   # that socket has sent its EOF
        self.events = {a: 0, b: 0}
        live.add(self)
        for s in self.socks:
            s.setblocking(False)
        self.update()

    def peer(self, s):
        return self.socks[1] if s is self.socks[0] else self.socks[0]

    def on(self, s, ev):
        try:
            p = self.peer(s)
            if ev & W and self.pending[s]:
                n = s.send(self.pending[s])
                self.pending[s] = self.pending[s][n:]
                if not self.pending[s] and self.eof[p]:
                    s.shutdown(socket.SHUT_WR)
            if ev & R and not self.eof[s] and not self.pending[p]:
                data = s.recv(CHUNK)
                if data:
                    self.pending[p] = data
                else:
                    self.eof[s] = True
                    p.shutdown(socket.SHUT_WR)
        except OSError:
            self.close()
            return
        if all(self.eof.values()) and not any(self.pending.values()):
            self.close()
            return
        self.update()

    def update(self):
        for s in self.socks:
            ev = (R if not self.eof[s] and not self.pending[self.peer(s)] else 0) | (W if self.pending[s] else 0)
            if ev == self.events[s]:
                continue
            if self.events[s] == 0:
                self.sel.register(s, ev, self)
            elif ev == 0:
                self.sel.unregister(s)
            else:
                self.sel.modify(s, ev, self)
            self.events[s] = ev

    def close(self):
        for s in self.socks:
            if self.events[s]:
                self.sel.unregister(s)
                self.events[s] = 0
            s.close()
        self.live.discard(self)


def accept(sel, listener, path, live):
    try:
        client, _ = listener.accept()
    except OSError:
        return
    if len(live) >= MAX_CONNECTIONS:
        client.close()
        return
    upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        upstream.settimeout(5)
        upstream.connect(path)
    except OSError:
        upstream.close()
        client.close()
        return
    Relay(sel, client, upstream, live)


def main(specs):
    listeners = []
    for spec in specs:
        ip, port, path = spec.split(':', 2)
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip, int(port)))
        except OSError as e:
            sys.stderr.write('strata-forwarder: cannot listen on %s:%s: %s\n' % (ip, port, e))
            sys.exit(1)
        s.listen(64)
        s.setblocking(False)
        listeners.append((s, path))
    pid = os.fork()
    if pid:
        sys.stdout.write('%d\n' % pid)
        sys.stdout.flush()
        os._exit(0)
    null = os.open('/dev/null', os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.dup2(null, 2)
    sel = selectors.DefaultSelector()
    live = set()
    for s, path in listeners:
        sel.register(s, R, path)
    while True:
        for key, ev in sel.select():
            if isinstance(key.data, Relay):
                key.data.on(key.fileobj, ev)
            else:
                accept(sel, key.fileobj, key.data, live)


main(sys.argv[1:])
