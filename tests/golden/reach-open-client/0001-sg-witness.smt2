; linkproof solver query 1: sg-witness
; answer: sat
; limits per check: time 10000 ms, resource unlimited
; 
(set-info :status unknown)
(declare-fun port () (_ BitVec 16))
(declare-fun src () (_ BitVec 32))
(assert
 (let ((?x48 ((_ extract 6 0) port)))
 (let (($x55 (bvule ?x48 (_ bv80 7))))
 (let (($x52 (= ((_ extract 15 7) port) (_ bv0 9))))
 (let (($x46 (bvule (_ bv80 16) port)))
 (let (($x10 (bvule src (_ bv3232236031 32))))
 (let (($x44 (bvule (_ bv3232235776 32) src)))
 (let (($x57 (and $x44 $x10 $x46 $x52 $x55)))
 (or (and (bvule (_ bv3232235876 32) src) (bvule src (_ bv3232235876 32))) $x57)))))))))
(assert
 (let (($x72 (bvule src (_ bv3232236041 32))))
 (let (($x87 (and (bvule (_ bv3232236033 32) src) $x72)))
 (let (($x10 (bvule src (_ bv3232236031 32))))
 (let (($x84 (and (bvule (_ bv3232235877 32) src) $x10)))
 (let (($x62 (bvule src (_ bv3232235875 32))))
 (let (($x82 (and (bvule (_ bv3232235777 32) src) $x62)))
 (or $x82 $x84 $x87 (and (bvule (_ bv3232236043 32) src) (bvule src (_ bv3232236287 32)))))))))))
(assert
 (bvule (_ bv80 16) port))
(assert
 (= ((_ extract 15 7) port) (_ bv0 9)))
(assert
 (let ((?x48 ((_ extract 6 0) port)))
 (bvule ?x48 (_ bv80 7))))
(check-sat)
