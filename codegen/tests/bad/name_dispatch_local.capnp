@0xc1a2b3c4d5e6f70d;
# The generated Handle and Serve have a local `status`, which would hide a
# method of that name.

interface Job {
  start @0 ();
  status @1 () -> (done :Bool);
}
