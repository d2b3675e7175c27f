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
 (bvule (_ bv3232235520 32) src))
(assert
 (bvule src (_ bv3232301055 32)))
(assert
 (bvule (_ bv80 16) port))
(assert
 (= ((_ extract 15 7) port) (_ bv0 9)))
(assert
 (let ((?x48 ((_ extract 6 0) port)))
 (bvule ?x48 (_ bv80 7))))
(assert
 (not (= src (_ bv3232236042 32))))
(check-sat)
