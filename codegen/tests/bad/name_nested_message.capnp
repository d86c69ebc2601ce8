@0xc1a2b3c4d5e6f708;
# A nested struct Message is Outer_Message, the name of Outer's message type.

interface Outer {
  struct Message {
    text @0 :Text;
  }
  send @0 (message :Message);
}
